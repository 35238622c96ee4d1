/* eslint-disable no-undef */
// The Office add-in (task pane + ribbon function file), in the Office add-in template's conventions.
//   npm run build       production bundle in dist-addin/ (dist/ is the CLI's)
//   npm run dev-server  https://localhost:3000 with live reload
// The dev server uses office-addin-dev-certs' certificate when one is installed
// (npx office-addin-dev-certs install), otherwise webpack-dev-server's own self-signed one.
const fs = require('fs');
const os = require('os');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';
const urlProd = 'https://localhost:3000/'; // CHANGE THIS TO YOUR PRODUCTION DEPLOYMENT LOCATION

function httpsServer() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { ca: 'ca.crt', cert: 'localhost.crt', key: 'localhost.key' };
  if (Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) {
    const options = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
    return { type: 'https', options };
  }
  return 'https';
}

module.exports = (env, options) => {
  const dev = options.mode !== 'production';
  return {
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      commands: './src/taskpane/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist-addin'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // The bounded loader (src/xlsx/safe-load.ts) reads files with fs and checks CRCs with zlib on the
      // command line; the pane's 集計 uses its bytes entry, which needs neither (a browser has none).
      fallback: { fs: false, zlib: false },
    },
    module: {
      rules: [
        {
          // The audit's index re-exports the file-based audit and the .xlsx report (exceljs) next to
          // auditGrids: marked free of side effects, only what the pane imports (auditGrids) is bundled,
          // so exceljs stays in the 集計 chunk (xlsx-reader) and out of the engine chunk.
          test: /[\\/]src[\\/]audit[\\/]index\.ts$/,
          sideEffects: false,
        },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true, // type checking is `npm run typecheck`
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // ES modules for webpack: tree shaking, and import() becomes a lazily loaded chunk.
              compilerOptions: { module: 'es2020', sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/taskpane/commands.html',
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext][query]' },
          {
            from: 'manifest*.xml',
            to: '[name][ext]',
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, 'g'), urlProd);
            },
          },
        ],
      }),
    ],
    performance: {
      // The first bundle's budget is checked in tests/build.test.ts (300 KB gzipped).
      hints: false,
    },
    devServer: {
      // Only this machine: the add-in is sideloaded from https://localhost, nobody else needs the dev server.
      host: 'localhost',
      static: { directory: path.join(__dirname, 'dist-addin') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: httpsServer(),
      port: process.env.npm_package_config_dev_server_port || 3000,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};
