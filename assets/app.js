/* Browser-side helpers for the dashboard: things that need no server round trip.
   Registered from dashboard/clientside.py as window.dash_clientside.returns.* */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  returns: {
    // The page is built in the language of <main lang>: give it to <html> and the tab title.
    pageLanguage: function () {
      var main = document.querySelector('main.main');
      if (main && main.lang) { document.documentElement.lang = main.lang; }
      var heading = document.querySelector('header h1');
      if (heading) { document.title = heading.textContent; }
      return window.dash_clientside.no_update;
    },
    saveMap: function (nPng, nSvg) {
      var trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
      var format = trigger.indexOf('save-svg') === 0 ? 'svg' : 'png';
      var graph = document.querySelector('#map .js-plotly-plot');
      if (graph && window.Plotly && (nPng || nSvg)) {
        window.Plotly.downloadImage(graph, {format: format, filename: 'returns-map', width: 1400, height: 1000});
      }
      return window.dash_clientside.no_update;
    },
    printHandout: function (n) {
      if (n) { window.print(); }
      return window.dash_clientside.no_update;
    },
    copyCitation: function (n, text, label) {
      if (n && navigator.clipboard && text) {
        navigator.clipboard.writeText(String(text)).catch(function () {});
        return label;
      }
      return window.dash_clientside.no_update;
    },
    togglePlay: function (n, disabled, playLabel, pauseLabel) {
      if (!n) { return [window.dash_clientside.no_update, window.dash_clientside.no_update, window.dash_clientside.no_update]; }
      var playing = !!disabled;  // it was stopped: start it
      return [!playing, playing ? pauseLabel : playLabel, playing ? 'true' : 'false'];
    }
  }
});
