// For pages that embed Dendrites in an iframe: drive the widget from the page's own buttons.
//
//   <iframe id="lab" src="https://example.org/dendrites/embed.html?lab=mlp&autoplay=1"></iframe>
//   <script src="https://example.org/dendrites/dendrites-embed.js"></script>
//   <script>
//     const lab = new DendritesWidget(document.getElementById('lab'));
//     button.onclick = () => lab.set({r: 3.5});          // resolves to {ok, notices}
//     lab.command('play');  lab.state().then(s => ...);
//     lab.on('epoch', (e) => console.log(e.epoch, e.test_loss));
//   </script>
//
// Calls are queued until the widget has loaded (embed.html shows a poster until the reader
// starts it; `start()` presses its button). Messages go only to the iframe's own origin.
(function () {
  'use strict';
  class DendritesWidget {
    constructor(iframe) {
      this.iframe = iframe;
      this.origin = new URL(iframe.src, location.href).origin;
      this.pending = new Map();
      this.handlers = {};
      this.nextId = 1;
      window.addEventListener('message', (e) => {
        if (e.source !== iframe.contentWindow || e.origin !== this.origin) return;
        const m = e.data;
        if (!m || m.dendrites !== 1) return;
        if (m.event) {
          for (const fn of this.handlers[m.event] || []) fn(m.data);
          return;
        }
        const waiting = this.pending.get(m.id);
        if (!waiting) return;
        if (m.ack) {  // received; the answer follows once the app runs
          waiting.acked = true;
          return;
        }
        this.pending.delete(m.id);
        if (m.error) waiting.reject(new Error(m.error));
        else waiting.resolve(m.result);
      });
    }
    // Sends {method, args}, again every half second until the iframe acknowledges it (before
    // the reader starts the widget nothing listens yet); the iframe runs each id once.
    call(method, args) {
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        const entry = { resolve, reject, acked: false };
        this.pending.set(id, entry);
        const send = () => {
          if (!this.pending.has(id) || entry.acked) return;
          this.iframe.contentWindow.postMessage({ dendrites: 1, id, method, args }, this.origin);
          setTimeout(send, 500);
        };
        send();
      });
    }
    start() {
      const poster = this.iframe.contentDocument && this.iframe.contentDocument.getElementById('poster');
      if (poster) poster.click();  // same-origin embeds only; otherwise the reader clicks
    }
    state() { return this.call('state'); }
    command(name, args) { return this.call('command', { name, args }); }
    set(params) { return this.call('set', params); }
    link(options) { return this.call('link', options); }
    on(event, fn) {
      (this.handlers[event] = this.handlers[event] || []).push(fn);
      return this.call('subscribe', { event });
    }
  }
  window.DendritesWidget = DendritesWidget;
})();
