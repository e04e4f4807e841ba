/* Browser-side helpers for the dashboard: things that need no server round trip.
   Registered from dashboard/clientside.py as window.dash_clientside.returns.* */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  returns: {
    // Switching language reloads the page with ?lang=…, keeping the rest of the view.
    switchLanguage: function (lang) {
      // The page was built in the language of <main lang>; only a different choice reloads.
      var main = document.querySelector('main.main');
      var current = main ? main.lang : '';
      if (current) { document.documentElement.lang = current; }
      var heading = document.querySelector('header h1');
      if (heading) { document.title = heading.textContent; }  // the tab title in the page's language
      if (!lang || !current || lang === current) { return window.dash_clientside.no_update; }
      var params = new URLSearchParams(window.location.search);
      params.set('lang', lang);
      window.location.search = params.toString();
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
