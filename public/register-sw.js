// Registers Lede's service worker and tells the app (a DOM event) when a new version is waiting,
// so it can offer "Update available — reload" instead of switching mid-read.
(function () {
  if (!('serviceWorker' in navigator)) return;
  var announce = function (registration) {
    window.__ledeWaiting = registration.waiting;
    window.dispatchEvent(new Event('lede:update-ready'));
  };
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js').then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) announce(registration);
      registration.addEventListener('updatefound', function () {
        var installing = registration.installing;
        if (!installing) return;
        installing.addEventListener('statechange', function () {
          if (installing.state === 'installed' && navigator.serviceWorker.controller) announce(registration);
        });
      });
    }).catch(function () { /* no offline reading, nothing else lost */ });
  });
  // Once the new worker has taken over at the reader's request, load the new version.
  var reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (window.__ledeUpdateRequested && !reloading) { reloading = true; window.location.reload(); }
  });
})();
