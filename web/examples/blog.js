// The example post's buttons: each drives one embedded widget through DendritesWidget.
(function () {
  'use strict';
  const widgets = {
    mlp: new DendritesWidget(document.getElementById('mlp')),
    brunel: new DendritesWidget(document.getElementById('brunel')),
  };
  window.blogWidgets = widgets;  // for the browser test and for readers poking around
  for (const button of document.querySelectorAll('button[data-widget]')) {
    button.addEventListener('click', () => {
      const widget = widgets[button.dataset.widget];
      widget.start();
      if (button.dataset.set) widget.set(button.dataset.set);
      if (button.dataset.command) widget.command(button.dataset.command);
    });
  }
  widgets.mlp.on('epoch', (e) => {
    document.getElementById('mlp-progress').textContent =
      `epoch ${e.epoch}, test error ${e.test_loss.toExponential(2)}`;
  });
  let shown = 0;
  widgets.brunel.on('spikes', () => {
    if (performance.now() - shown < 500) return;  // the event comes every frame while it runs
    shown = performance.now();
    widgets.brunel.state().then((s) => {
      document.getElementById('brunel-readout').textContent =
        `${s.spiking.mean_rate_hz.toFixed(1)} Hz, synchrony ${s.spiking.synchrony.toFixed(2)}`;
    });
  });
})();
