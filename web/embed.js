// embed.html: shows a poster naming the experiment, and loads the app when the reader clicks
// (or at once with ?lazy=0 or ?autoplay=1). A separate file, not inline script, so the page works
// under a Content-Security-Policy without 'unsafe-inline'.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const poster = document.getElementById('poster');
  if (params.get('theme') === 'light') {
    document.body.classList.add('light');
    poster.classList.add('light');
  }
  const scenes = {
    'one-neuron': 'One spiking neuron', zoo: 'The Izhikevich neuron zoo',
    delays: 'Spikes travelling with delays', 'izhikevich-1000': '1000 Izhikevich neurons',
    brunel: 'Brunel\u2019s balanced network', stdp: 'Spike-timing-dependent plasticity',
    structural: 'A network that rewires itself', cuba: 'The CUBA benchmark network',
  };
  const title = params.get('lab') === 'spiking'
    ? scenes[params.get('scene')] || 'The spiking lab'
    : 'A neural network learning the logistic map';
  document.getElementById('poster-title').textContent = title;

  let started = false;
  function start() {
    if (started) return;
    started = true;
    poster.remove();
    document.getElementById('status').className = '';
    window.dendritesPage = { embed: true };
    for (const src of ['dendrites-api.js', 'app.js']) {
      const script = document.createElement('script');
      script.src = src;
      script.async = false;  // the API sets up Module before app.js runs
      document.body.appendChild(script);
    }
  }
  poster.addEventListener('click', start);
  poster.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') start(); });
  if (params.get('lazy') === '0' || params.get('autoplay') === '1') start();
})();
