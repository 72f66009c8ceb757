// Text to speech for the reading view, with the browser's own speech synthesis. One utterance
// per paragraph: long utterances stop early in some engines, and pause/resume is per utterance.

export class Speaker {
  constructor(onState) {
    this.synth = globalThis.speechSynthesis ?? null;
    this.onState = onState; // ('idle' | 'speaking' | 'paused') => void
    this.queue = [];
    this.state = 'idle';
    this.token = 0;
  }

  get available() {
    return !!this.synth && typeof globalThis.SpeechSynthesisUtterance === 'function';
  }

  set(state) {
    this.state = state;
    this.onState(state);
  }

  /** Starts reading `text` (paragraphs separated by blank lines) in `lang`. */
  speak(text, lang) {
    if (!this.available) return;
    this.stop();
    const token = ++this.token;
    this.queue = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const next = () => {
      if (token !== this.token) return;
      const part = this.queue.shift();
      if (part === undefined) {
        this.set('idle');
        return;
      }
      const u = new SpeechSynthesisUtterance(part);
      if (lang) u.lang = lang;
      u.onend = next;
      u.onerror = () => {
        if (token === this.token) this.set('idle');
      };
      this.synth.speak(u);
    };
    this.set('speaking');
    next();
  }

  pause() {
    if (this.state !== 'speaking') return;
    this.synth.pause();
    this.set('paused');
  }

  resume() {
    if (this.state !== 'paused') return;
    this.synth.resume();
    this.set('speaking');
  }

  stop() {
    this.token++;
    this.queue = [];
    if (this.synth && this.state !== 'idle') this.synth.cancel();
    if (this.state !== 'idle') this.set('idle');
  }
}
