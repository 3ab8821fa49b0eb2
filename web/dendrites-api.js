// window.dendrites: the page's JavaScript API, for embedders and browser tests.
//
//   await dendrites.ready;                 // resolves when the app runs
//   dendrites.state()                      // plain object: lab, layers, activation, optimizer,
//                                          //   lr, batch, r, seed, running, epoch, step,
//                                          //   train_loss, test_loss, samples_per_second, ...
//   dendrites.command('play' | 'pause' | 'step' | 'step_epoch' | 'reset', args)
//   dendrites.command('train', {epochs: 25})  // synchronous; returns {ok, seconds, test_mse, ...}
//                                          // returns {ok: true} or {ok: false, error: '...'}
//   dendrites.command('lab', {name: 'spiking'})         // or 'mlp'
//   dendrites.command('scene', {name: 'brunel'})        // a spiking scene (opens that lab)
//   dendrites.command('stimulate', {neuron: 3})         // make a neuron fire now
//   dendrites.command('pulse', {amplitude: 10, duration_ms: 2})  // one-neuron scene
//   dendrites.command('speed', {ms_per_s: 1000})        // simulated ms per second
//   dendrites.command('run', {duration_ms: 1000})       // synchronous; {ok, seconds, spikes, ...}
//   dendrites.state().spiking              // {scene, time_ms, spikes, mean_rate_hz, cv_isi, ...}
//
// It also sets up the Emscripten Module (canvas, status messages) before app.js loads.
(function () {
  'use strict';
  const status = document.getElementById('status');
  const canvas = document.getElementById('canvas');

  function showError(text) {
    status.textContent = text;
    status.className = 'error';
  }

  // A browser without WebGL2 gets a readable message instead of a blank canvas.
  const probe = document.createElement('canvas');
  if (!probe.getContext('webgl2')) {
    showError('Dendrites needs WebGL 2, which this browser or device does not provide. ' +
              'Try a current Firefox, Chrome, Edge or Safari, or enable hardware acceleration.');
  }

  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

  window.Module = {
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    // Runs once main() has returned: the app exists and the main loop is scheduled.
    postRun: [() => {
      status.className = 'hidden';
      canvas.focus();
      resolveReady(window.dendrites);
    }],
    onAbort: (what) => {
      showError('Dendrites stopped: ' + what);
      rejectReady(new Error(String(what)));
    },
  };

  function call(name, types, args) {
    return window.Module.ccall(name, 'string', types, args);
  }

  window.dendrites = {
    ready: ready,
    state() {
      return JSON.parse(call('dendrites_state', [], []));
    },
    command(name, args) {
      return JSON.parse(call('dendrites_command', ['string', 'string'],
                             [String(name), JSON.stringify(args || {})]));
    },
  };
})();
