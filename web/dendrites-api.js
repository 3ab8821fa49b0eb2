// window.dendrites: the page's JavaScript API, for embedders and browser tests, and the page's
// side of the app's host requests (downloads, clipboard, files), links, embedding and messages.
//
//   await dendrites.ready;                      // resolves when the app runs
//   dendrites.state()                           // plain object: lab, layers, activation, ...,
//                                               //   spiking: {scene, time_ms, spikes, ...}
//   dendrites.command(name, args)               // {ok: true, ...} or {ok: false, error}
//     'play' 'pause' 'step' 'reset' 'step_epoch' 'train' {epochs}  'lab' {name}
//     'scene' {name}  'stimulate' {neuron}  'pulse' {amplitude, duration_ms}
//     'speed' {ms_per_s}  'run' {duration_ms}  'export' {what}  'save'  'load' {text}
//   dendrites.set({r: 3.5, layers: [1, 8, 8, 1]}) or dendrites.set('r=3.5&lr=0.01')
//                                               // {ok, notices}: the URL keys of docs/embedding.md
//   dendrites.link({weights})                   // the address of what is on screen
//   dendrites.save({weights}) / dendrites.load(text)  // experiment JSON out / in
//   dendrites.on('epoch' | 'spikes' | 'state' | 'notice', fn), dendrites.off(event, fn)
//
// Inside an iframe the same calls arrive as messages (see docs/embedding.md): the parent sends
// {dendrites: 1, id, method, args} and gets {dendrites: 1, id, result} back, or events
// {dendrites: 1, event, data} after a 'subscribe'. Only allowed origins are answered: this page's
// own, the embedding page's (document.referrer), and those listed in the `origin` URL key.
//
// The page sets window.dendritesPage = {embed: true} before this script to ask for embed mode.
(function () {
  'use strict';
  const status = document.getElementById('status');
  const canvas = document.getElementById('canvas');
  const page = window.dendritesPage || {};
  const params = new URLSearchParams(location.search);

  function showError(text) {
    status.textContent = text;
    status.className = 'error';
  }

  // A browser without WebGL2 gets a readable message instead of a blank canvas.
  const probe = document.createElement('canvas');
  const hasWebGL2 = !!probe.getContext('webgl2');
  if (!hasWebGL2) {
    showError('Dendrites needs WebGL 2, which this browser or device does not provide. ' +
              'Try a current Firefox, Chrome, Edge or Safari, or enable hardware acceleration.');
  }

  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

  // ------------------------------------------------------------------------------------------
  // The app's host requests (src/platform/host.cpp calls these).
  // ------------------------------------------------------------------------------------------
  function toast(text) {
    let box = document.getElementById('toast');
    if (!box) {
      box = document.createElement('div');
      box.id = 'toast';
      box.setAttribute('role', 'status');
      document.body.appendChild(box);
    }
    box.textContent = text;
    box.className = 'shown';
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.className = ''; }, 2500);
  }

  window.dendritesHost = {
    download(name, mime, data) {
      const url = URL.createObjectURL(new Blob([data], { type: mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      toast('Downloaded ' + name);
    },
    copy(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(() => toast('Copied to the clipboard'),
                                                 () => toast('Select the text and copy it'));
      } else {
        toast('Select the text and copy it');
      }
    },
    openFile() {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.json,application/json';
      input.addEventListener('change', () => {
        const file = input.files && input.files[0];
        if (!file) return;
        file.text().then((text) => window.dendrites.load(text, file.name));
      });
      input.click();
    },
    openApp(query) {
      const base = location.pathname.replace(/[^/]*$/, '');
      window.open(base + 'index.html?' + query, '_blank', 'noopener');
    },
  };

  // ------------------------------------------------------------------------------------------
  // The Emscripten module.
  // ------------------------------------------------------------------------------------------
  window.Module = {
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    // Runs once main() has returned: the app exists and the main loop is scheduled.
    postRun: [() => {
      if (!hasWebGL2) {  // main() could not open a context: keep the message on screen
        rejectReady(new Error('WebGL 2 is not available'));
        return;
      }
      call('dendrites_set_page', ['string'], [location.origin + location.pathname], 'void');
      // The link's experiment (and embed mode) before the first frame is drawn.
      let query = location.search.replace(/^\?/, '');
      if (page.embed && !params.has('embed')) query = 'embed=1' + (query ? '&' + query : '');
      if (query) window.dendrites.set(query);
      if (!page.embed && !params.has('lesson')) resumeLesson();
      status.className = 'hidden';
      if (!page.embed) canvas.focus();
      resolveReady(window.dendrites);
      requestAnimationFrame(watch);
    }],
    onAbort: (what) => {
      showError('Dendrites stopped: ' + what);
      rejectReady(new Error(String(what)));
    },
  };

  function call(name, types, args, returns) {
    if (!window.Module.calledRun) throw new Error('Dendrites is still loading: await dendrites.ready');
    return window.Module.ccall(name, returns || 'string', types, args);
  }

  // ------------------------------------------------------------------------------------------
  // Events: state() is compared once per animation frame.
  // ------------------------------------------------------------------------------------------
  const listeners = { epoch: [], spikes: [], state: [], notice: [] };
  let last = null;
  function emit(event, data) {
    for (const fn of listeners[event].slice()) {
      try { fn(data); } catch (e) { console.error(e); }
    }
  }
  function watch() {
    const now = window.dendrites.state();
    if (last) {
      if (now.epoch !== last.epoch) emit('epoch', { epoch: now.epoch, test_loss: now.test_loss,
                                                     train_loss: now.train_loss });
      if (now.spiking.spikes !== last.spiking.spikes)
        emit('spikes', { spikes: now.spiking.spikes, time_ms: now.spiking.time_ms,
                         scene: now.spiking.scene });
      if (now.notices.length > last.notices.length)
        emit('notice', { notices: now.notices.slice(last.notices.length) });
    }
    if (listeners.state.length) emit('state', now);
    if (now.lesson !== null && (!last || now.lesson !== last.lesson)) rememberLesson(now.lesson);
    last = now;
    requestAnimationFrame(watch);
  }

  // The guided tour resumes where the reader left it, on a later visit too. Storage may be
  // unavailable (private windows, sandboxed iframes): then the tour simply starts at lesson 1.
  const lessonKey = 'dendrites.lesson';
  function rememberLesson(index) {
    try { localStorage.setItem(lessonKey, String(index)); } catch (e) { /* not kept */ }
  }
  function resumeLesson() {
    let saved = null;
    try { saved = localStorage.getItem(lessonKey); } catch (e) { return; }
    const index = Number(saved);
    if (saved !== null && Number.isInteger(index) && index >= 1)
      window.dendrites.command('lesson', { index: index, open: false });
  }

  // An object {r: 3.5, layers: [1, 8, 8, 1]} or a query string as a query string.
  function toQuery(params) {
    if (typeof params === 'string') return params.replace(/^\?/, '');
    return Object.entries(params || {}).map(([key, value]) =>
      encodeURIComponent(key) + '=' +
      encodeURIComponent(Array.isArray(value) ? value.join('-') : String(value))).join('&');
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
    set(params) {
      return this.command('set', { query: toQuery(params) });
    },
    // {weights: true}: the link or file carries the MLP's trained weights.
    link(options) {
      const weights = Boolean(options && options.weights);
      return location.origin + location.pathname + '?' + this.command('query', { weights }).query;
    },
    save(options) {
      return this.command('save', { weights: Boolean(options && options.weights) }).json;
    },
    load(text, name) {
      return this.command('load', { text: String(text), name: name || 'experiment' });
    },
    on(event, fn) {
      if (!listeners[event]) throw new Error('dendrites.on: unknown event ' + event +
                                             ' (epoch, spikes, state, notice)');
      listeners[event].push(fn);
      return fn;
    },
    off(event, fn) {
      if (listeners[event]) listeners[event] = listeners[event].filter((f) => f !== fn);
    },
  };

  // ------------------------------------------------------------------------------------------
  // Messages from an embedding page.
  // ------------------------------------------------------------------------------------------
  const allowed = new Set([location.origin]);
  try { if (document.referrer) allowed.add(new URL(document.referrer).origin); } catch (e) {}
  for (const origin of (params.get('origin') || '').split(',')) if (origin) allowed.add(origin);
  const methods = {
    state: () => window.dendrites.state(),
    command: (args) => window.dendrites.command(args && args.name, args && args.args),
    set: (args) => window.dendrites.set(args),
    link: (args) => window.dendrites.link(args),
    save: (args) => window.dendrites.save(args),
    load: (args) => window.dendrites.load(args && args.text, args && args.name),
  };
  const subscriptions = new Map();  // event name -> {source, origin} list
  const seen = new Set();           // "origin id" of the messages already run
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || m.dendrites !== 1 || m.event) return;
    if (!allowed.has('*') && !allowed.has(e.origin)) {
      console.warn('dendrites: ignored a message from ' + e.origin + ' (allow it with ?origin=)');
      return;
    }
    const reply = (body) => e.source && e.source.postMessage(
      Object.assign({ dendrites: 1, id: m.id }, body), e.origin === 'null' ? '*' : e.origin);
    // A sender repeats a message until it is acknowledged: run each (origin, id) once.
    const key = e.origin + ' ' + m.id;
    if (seen.has(key)) return reply({ ack: true });
    seen.add(key);
    reply({ ack: true });
    ready.then(() => {
      if (m.method === 'subscribe') {
        const event = m.args && m.args.event;
        if (!listeners[event]) return reply({ error: 'unknown event ' + event });
        if (!subscriptions.has(event)) {
          subscriptions.set(event, []);
          window.dendrites.on(event, (data) => {
            for (const s of subscriptions.get(event))
              s.source.postMessage({ dendrites: 1, event, data }, s.origin);
          });
        }
        subscriptions.get(event).push({ source: e.source, origin: e.origin === 'null' ? '*' : e.origin });
        return reply({ result: { ok: true } });
      }
      const method = methods[m.method];
      if (!method) return reply({ error: 'unknown method ' + m.method + ' (' +
                                         Object.keys(methods).concat('subscribe').join(', ') + ')' });
      try { reply({ result: method(m.args) }); } catch (err) { reply({ error: String(err) }); }
    });
  });

  // ------------------------------------------------------------------------------------------
  // Input inside an iframe, and a lost graphics context.
  // ------------------------------------------------------------------------------------------
  // The wheel scrolls the host page unless the pointer is over a panel that scrolls: this
  // listener runs before SDL's (capture phase on the container) and keeps the event from it.
  document.getElementById('app').addEventListener('wheel', (e) => {
    if (window.Module.calledRun && !call('dendrites_wants_wheel', [], [], 'number'))
      e.stopPropagation();
  }, { capture: true });
  // A click on the canvas gives it the keyboard; a click on the host page takes it away again.
  canvas.addEventListener('pointerdown', () => canvas.focus());
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  // The GPU may drop the context (driver reset, too many tabs). Keep the state, wait for it to
  // come back, then let the app rebuild its GL objects.
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    toast('Graphics context lost; waiting for it to come back');
  });
  canvas.addEventListener('webglcontextrestored', () => {
    call('dendrites_gl_restored', [], [], 'void');
    toast('Graphics restored');
  });
})();
