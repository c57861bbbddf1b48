// The laptop camera for a progress photo: a mirrored live view with the last photo of the
// same area laid faintly over it (the "ghost"), so the angle and distance can be matched.
// The picture saved is what the camera sees, not mirrored. The camera is let go as soon as
// the panel closes or the Progress view is left.

import { byId } from '../dom.js';

/** What went wrong, said so the person knows what to do; `err` from getUserMedia. */
export function cameraProblem(err) {
  switch (err?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. Allow Needlewise to use the camera in your system’s privacy settings, or add a photo from a file.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this computer. Add a photo from a file instead (for example one taken with your phone).';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera could not be started: another program may be using it. Close that program and try again.';
    default:
      return `The camera could not be started (${err?.message || 'no reason given'}). You can add a photo from a file instead.`;
  }
}

const NO_MEDIA = 'This computer’s web view cannot use a camera. Add a photo from a file instead.';

/**
 * Wire the camera panel. `guideFor(area)`: the photo to show as the ghost, or null, with
 * `url` and `label`; `area()`: the chosen area; `onPicture(blob)`: store a taken photo;
 * `onProblem(message)`: show why the camera cannot be used.
 */
export function initCamera({ guideFor, area, onPicture, onProblem }) {
  const panel = byId('camera-panel');
  const video = byId('camera-video');
  const ghost = byId('camera-ghost');
  const capture = byId('camera-capture');
  const view = panel.closest('section[data-view]');
  let stream = null;
  // Counts opens, so a stream that arrives after the panel was closed (the person left
  // the view while the system asked) is stopped at once instead of running unseen.
  let opening = 0;

  function showGuide() {
    const guide = guideFor(area());
    const on = byId('camera-ghost-on').checked;
    ghost.hidden = !guide || !on;
    if (guide && ghost.dataset.photoId !== String(guide.id)) {
      ghost.src = guide.url;
      ghost.dataset.photoId = String(guide.id);
    } else if (!guide) {
      ghost.removeAttribute('src');
      delete ghost.dataset.photoId;
    }
    byId('camera-ghost-note').textContent = guide
      ? `The faint picture is your photo of ${guide.label}: line your face up with it.`
      : 'No earlier photo of this area: this one will be the guide next time.';
  }

  function close() {
    opening += 1;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    video.srcObject = null;
    capture.disabled = true;
    panel.hidden = true;
  }

  const unseen = () => document.hidden || view.hidden || byId('dashboard').hidden;

  async function open() {
    onProblem('');
    if (stream) return;
    if (!navigator.mediaDevices?.getUserMedia) {
      onProblem(NO_MEDIA);
      return;
    }
    const ticket = ++opening;
    let got;
    try {
      got = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'user', width: { ideal: 1920 }, height: { ideal: 1080 } },
        audio: false,
      });
    } catch (err) {
      if (ticket === opening) onProblem(cameraProblem(err));
      return;
    }
    if (ticket !== opening || unseen()) {
      for (const track of got.getTracks()) track.stop();
      return;
    }
    stream = got;
    panel.hidden = false;
    video.srcObject = stream;
    showGuide();
    video.addEventListener('loadeddata', () => {
      capture.disabled = false;
      capture.focus();
    }, { once: true });
  }

  async function take() {
    if (!stream || !video.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.95));
    if (!blob) {
      onProblem('The camera’s picture could not be read; try again.');
      return;
    }
    capture.disabled = true;
    try {
      await onPicture(blob);
      showGuide();
    } finally {
      capture.disabled = !stream;
    }
  }

  byId('photo-camera').addEventListener('click', open);
  byId('camera-cancel').addEventListener('click', () => {
    close();
    byId('photo-camera').focus();
  });
  capture.addEventListener('click', take);
  byId('camera-ghost-on').addEventListener('change', showGuide);
  byId('photo-area').addEventListener('change', () => { if (stream) showGuide(); });
  // Leaving the Progress view or the dashboard, minimising or hiding the window, or the
  // page going away: the camera is let go.
  const onHidden = () => { if (unseen()) close(); };
  const watch = new MutationObserver(onHidden);
  for (const node of [view, byId('dashboard')]) {
    watch.observe(node, { attributes: true, attributeFilter: ['hidden'] });
  }
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', close);
  return { close, refresh: () => { if (stream) showGuide(); } };
}
