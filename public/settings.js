// Applies the reader's saved settings before the first paint, so a dark or sepia reader never
// sees a flash of the light theme. Loaded as a blocking external script in <head> (no inline
// script, so a strict Content-Security-Policy holds). The app (src/settings.rs) writes the same
// key in the same format: "theme=dark;size=l;width=wide;spacing=loose;font=sans".
(function () {
  // Controls that only work with the app (settings, share, the entity panel) show only where
  // scripts run; a pre-rendered page read without JavaScript is just the story.
  document.documentElement.classList.add('js');
  var allowed = {
    theme: ['system', 'light', 'dark', 'sepia', 'contrast'],
    'text-size': ['s', 'm', 'l', 'xl'],
    width: ['narrow', 'medium', 'wide'],
    spacing: ['compact', 'normal', 'loose'],
    font: ['serif', 'sans']
  };
  var saved;
  try { saved = window.localStorage.getItem('lede.settings.v1'); } catch (e) { return; }
  if (!saved) return;
  saved.split(';').forEach(function (pair) {
    var kv = pair.split('=');
    if (allowed[kv[0]] && allowed[kv[0]].indexOf(kv[1]) >= 0) {
      document.documentElement.setAttribute('data-' + kv[0], kv[1]);
    }
  });
  // The page's canvas takes its colour from this meta before the stylesheet arrives.
  var theme = document.documentElement.getAttribute('data-theme');
  var scheme = { light: 'light', sepia: 'light', dark: 'dark', contrast: 'dark' }[theme];
  var meta = document.querySelector('meta[name="color-scheme"]');
  if (scheme && meta) meta.setAttribute('content', scheme);
})();
