// The add-in's webpack dev server answers this machine only (it serves the task pane to a sideloaded
// Office on https://localhost; on every interface anyone on the network could fetch or probe it).
import * as path from 'path';

test('webpack devServer.host is localhost', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(__dirname, '..', '..', 'webpack.config.js'));
  const resolved = await (typeof config === 'function' ? config({}, { mode: 'development' }) : config);
  expect(resolved.devServer.host).toBe('localhost');
});
