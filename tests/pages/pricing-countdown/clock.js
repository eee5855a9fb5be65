// A countdown as page builders make them: it starts at data-seconds on every
// page load and ticks down in the element #clock (HH:MM:SS).
const script = document.currentScript;
const end = Date.now() + Number(script.dataset.seconds) * 1000;
const pad = (n) => String(n).padStart(2, '0');
setInterval(() => {
  const s = Math.max(0, Math.round((end - Date.now()) / 1000));
  document.getElementById('clock').textContent = `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}, 200);
