/// <reference types="office-js" />
// The ribbon's function file. The Home-tab button only shows the task pane (ShowTaskpane in
// manifest.xml), so there is no ExecuteFunction command yet; Office still loads this page.
Office.onReady(() => {
  // Nothing to register yet.
});
