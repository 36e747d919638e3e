// The playground's Batch tab: a CSV or NDJSON file into rows the core checks, a virtualised
// preview (10,000 rows stay smooth: only the rows in view are in the DOM), sending the valid
// rows with progress, pause and cancel, and the report to download. The token stays where the
// playground keeps it (memory); reports never hold it.
import { download, h } from './dom.js';
import { applyTexts } from './texts.js';

const ROW_HEIGHT = 30; // px: fixed, so the list can place rows without measuring them
const OVERSCAN = 8;

export class BatchView {
  #api;
  #target; // () => {baseUrl, token}
  #batch;
  #fileName = '';
  #shown = []; // indices of the rows the preview lists
  #results = new Map(); // row index -> its result in the current run or the last report
  #report; // the last run's report
  #controller;
  #paused = false;
  #frame = 0;
  #ui = {};
  #emit;
  #t; // the page's texts (texts.js)

  /**
   * `target()` gives the playground's base URL and token when a batch is sent; `emit(type, detail)`
   * tells the page (the element's userapi-batch-progress and userapi-batch-done events).
   */
  constructor(api, target, emit, t) {
    this.#api = api;
    this.#target = target;
    this.#emit = emit;
    this.element = this.#layout();
    this.setTexts(t);
  }

  /** Shows the tab in the language of `t` (texts.js); a running batch goes on. */
  setTexts(t) {
    this.#t = t;
    applyTexts(this.element, t);
    this.#updateButtons();
    this.#render();
  }

  #layout() {
    const ui = this.#ui;
    ui.file = h('input', {
      id: 'batch-file',
      type: 'file',
      accept: '.csv,.ndjson,.jsonl,text/csv,application/x-ndjson',
      onchange: () => ui.file.files[0] && this.load(ui.file.files[0]),
    });
    ui.resumeFile = h('input', {
      id: 'batch-resume-file',
      type: 'file',
      accept: '.json,application/json',
      onchange: () => ui.resumeFile.files[0] && this.#resumeFrom(ui.resumeFile.files[0]),
    });
    ui.drop = h(
      'div',
      {
        class: 'drop-zone',
        ondragover: (e) => (e.preventDefault(), ui.drop.classList.add('over')),
        ondragleave: () => ui.drop.classList.remove('over'),
        ondrop: (e) => {
          e.preventDefault();
          ui.drop.classList.remove('over');
          const file = e.dataTransfer?.files?.[0];
          if (file) this.load(file);
        },
      },
      h('label', { for: 'batch-file', 'data-t': 'batch.drop' }),
      ' ',
      ui.file,
      h('p', { class: 'hint', 'data-t': 'batch.formats' }),
    );
    ui.summary = h('p', { class: 'batch-summary', role: 'status', 'data-t': 'batch.noFile' });
    ui.fileProblems = h('ul', { class: 'file-problems' });
    ui.onlyProblems = h('input', {
      id: 'batch-only-problems',
      type: 'checkbox',
      onchange: () => this.#filter(),
    });
    ui.spacer = h('div', { class: 'batch-spacer' });
    ui.list = h(
      'div',
      {
        class: 'batch-rows',
        role: 'table',
        'data-t-label': 'batch.rowsLabel',
        tabindex: '0',
        onscroll: () => this.#schedule(),
      },
      ui.spacer,
    );
    ui.concurrency = h('input', {
      id: 'batch-concurrency',
      type: 'number',
      min: '1',
      max: String(this.#api.limits.maxConcurrency),
      value: String(this.#api.limits.defaultConcurrency),
      inputmode: 'numeric',
    });
    ui.send = h('button', { type: 'button', class: 'primary', disabled: true, onclick: () => this.#run() });
    ui.pause = h('button', {
      type: 'button',
      class: 'secondary',
      disabled: true,
      onclick: () => this.#stop(true),
      'data-t': 'batch.pause',
    });
    ui.cancel = h('button', {
      type: 'button',
      class: 'secondary',
      disabled: true,
      onclick: () => this.#stop(false),
      'data-t': 'send.cancel',
    });
    ui.progress = h('progress', {
      id: 'batch-progress',
      max: '1',
      value: '0',
      'data-t-label': 'batch.progressLabel',
    });
    ui.progressText = h('p', { class: 'hint batch-progress-text' });
    ui.outcome = h('p', { class: 'batch-outcome', role: 'status' });
    ui.downloads = h(
      'div',
      { class: 'inline', hidden: true },
      h('button', {
        type: 'button',
        class: 'secondary',
        onclick: () => this.#download('csv'),
        'data-t': 'batch.downloadCsv',
      }),
      h('button', {
        type: 'button',
        class: 'secondary',
        onclick: () => this.#download('json'),
        'data-t': 'batch.downloadJson',
      }),
    );
    return h(
      'section',
      { class: 'card batch', part: 'card batch', 'aria-labelledby': 'batch-heading' },
      h('h2', { id: 'batch-heading', 'data-t': 'mode.batch' }),
      ui.drop,
      ui.summary,
      ui.fileProblems,
      h(
        'p',
        { class: 'hint' },
        h('label', {}, ui.onlyProblems, ' ', h('span', { 'data-t': 'batch.onlyProblems' })),
      ),
      ui.list,
      h(
        'div',
        { class: 'inline batch-controls' },
        ui.send,
        ui.pause,
        ui.cancel,
        h('label', { for: 'batch-concurrency', 'data-t': 'batch.atOnce' }),
        ui.concurrency,
        h('label', { for: 'batch-resume-file', class: 'secondary-label', 'data-t': 'batch.resumeFrom' }),
        ' ',
        ui.resumeFile,
      ),
      ui.progress,
      ui.progressText,
      ui.outcome,
      ui.downloads,
    );
  }

  /** Reads a file (or any Blob with a name) and previews its rows. */
  async load(file) {
    const ui = this.#ui;
    this.#stop(false);
    ui.summary.textContent = this.#t('batch.reading', { file: file.name });
    try {
      this.#batch = await this.#api.parseBatch(file);
    } catch (error) {
      this.#batch = undefined;
      ui.summary.textContent = `${file.name}: ${error.message}`;
      ui.send.disabled = true;
      return;
    }
    this.#fileName = file.name;
    this.#results.clear();
    this.#report = undefined;
    ui.downloads.hidden = true;
    ui.outcome.textContent = '';
    ui.progress.value = 0;
    ui.progressText.textContent = '';
    const batch = this.#batch;
    ui.summary.textContent = batch.rows.length
      ? this.#t.plural('batch.loaded', batch.rows.length, { file: file.name, summary: batch.summary })
      : `${file.name}: ${batch.summary}.`;
    ui.fileProblems.replaceChildren(
      ...batch.violations.map((v) =>
        h('li', { class: `problem ${v.severity}` }, h('span', { class: 'badge' }, v.code), ' ', v.message),
      ),
    );
    this.#filter();
    this.#updateButtons();
  }

  #filter() {
    const rows = this.#batch?.rows ?? [];
    const only = this.#ui.onlyProblems.checked;
    this.#shown = [];
    for (let i = 0; i < rows.length; i++)
      if (!only || !rows[i].valid || rows[i].violations.length || this.#failed(i)) this.#shown.push(i);
    this.#ui.list.setAttribute('aria-rowcount', String(this.#shown.length));
    this.#ui.spacer.style.height = `${this.#shown.length * ROW_HEIGHT}px`;
    this.#ui.list.scrollTop = 0;
    this.#render();
  }

  #failed(i) {
    const outcome = this.#results.get(i)?.outcome;
    return outcome === 'failed' || outcome === 'cancelled';
  }

  #schedule() {
    if (!this.#frame) this.#frame = requestAnimationFrame(() => ((this.#frame = 0), this.#render()));
  }

  // Only the rows in view (and a few around them) are in the DOM.
  #render() {
    const { list, spacer } = this.#ui;
    const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(
      this.#shown.length,
      Math.ceil((list.scrollTop + (list.clientHeight || 400)) / ROW_HEIGHT) + OVERSCAN,
    );
    const rows = [];
    for (let k = first; k < last; k++) rows.push(this.#rowElement(this.#shown[k], k));
    spacer.replaceChildren(...rows);
  }

  #rowElement(index, position) {
    const row = this.#batch.rows[index];
    const result = this.#results.get(index);
    const state = result?.outcome ?? (row.valid ? 'valid' : 'invalid');
    const t = this.#t;
    const text =
      result && result.outcome !== 'invalid'
        ? result.error || t.plural('batch.attempts', result.attempts, { status: result.status })
        : row.problem;
    const element = h(
      'div',
      { class: `batch-row ${state}`, role: 'row', 'aria-rowindex': String(position + 1) },
      h(
        'span',
        { role: 'cell', class: 'batch-where' },
        this.#batch.format === 'csv' ? t('batch.row', { n: row.row }) : t('batch.line', { n: row.line }),
      ),
      h('span', { role: 'cell', class: 'badge' }, state),
      h('span', { role: 'cell', class: 'batch-id' }, h('code', {}, row.user_group_id || '—')),
      h('span', { role: 'cell', class: 'batch-text', title: text }, text),
    );
    element.style.top = `${position * ROW_HEIGHT}px`; // CSSOM: a style attribute would break a strict CSP
    return element;
  }

  #updateButtons() {
    const running = !!this.#controller;
    const batch = this.#batch;
    const left = batch
      ? batch.rows.filter(
          (r, i) =>
            r.valid &&
            this.#results.get(i)?.outcome !== 'succeeded' &&
            this.#results.get(i)?.outcome !== 'skipped',
        ).length
      : 0;
    this.#ui.send.disabled = running || !batch?.sendable || left === 0;
    const t = this.#t;
    this.#ui.send.textContent =
      this.#report && left
        ? t('batch.resume', { count: left })
        : this.#report
          ? t('batch.allSent')
          : t.plural('batch.sendValid', left);
    this.#ui.pause.disabled = !running;
    this.#ui.cancel.disabled = !running;
  }

  async #resumeFrom(file) {
    try {
      const report = JSON.parse(await file.text());
      this.#report = report;
      this.#applyReport(report);
      this.#ui.outcome.textContent = this.#t('batch.resuming', { file: file.name });
    } catch (error) {
      this.#ui.outcome.textContent = this.#t('batch.notReport', { file: file.name, error: error.message });
    }
    this.#updateButtons();
  }

  #applyReport(report) {
    const byRow = new Map(report.rows.map((r) => [r.row, r]));
    this.#batch?.rows.forEach((row, i) => {
      const r = byRow.get(row.row);
      if (r && r.digest === row.digest) this.#results.set(i, r);
    });
    this.#render();
  }

  async #run() {
    const ui = this.#ui;
    const { baseUrl, token } = this.#target();
    const controller = (this.#controller = new AbortController());
    this.#paused = false;
    this.#updateButtons();
    const index = new Map(this.#batch.rows.map((r, i) => [r.row, i]));
    ui.progress.value = 0;
    ui.outcome.textContent = this.#t('send.sending');
    try {
      this.#report = await this.#api.sendBatch(this.#batch, {
        baseUrl,
        token,
        concurrency: Number(ui.concurrency.value) || this.#api.limits.defaultConcurrency,
        signal: controller.signal,
        previous: this.#report,
        file: this.#fileName,
        onProgress: (p) => {
          this.#results.set(index.get(p.row.row), p.row);
          this.#emit('userapi-batch-progress', p);
          ui.progress.max = Math.max(1, p.total);
          ui.progress.value = p.done;
          ui.progressText.textContent = this.#progressText(p);
          this.#schedule();
        },
      });
      this.#applyReport(this.#report);
      this.#emit('userapi-batch-done', this.#report);
      const s = this.#report.summary;
      const t = this.#t;
      ui.summary.textContent = t('batch.summary', {
        file: this.#fileName,
        rows: s.rows,
        valid: this.#batch.valid,
        invalid: s.invalid,
      });
      const stopped = controller.signal.aborted
        ? this.#paused
          ? 'batch.paused'
          : 'batch.cancelled'
        : 'batch.done';
      const parts = [t('batch.counts', s)];
      if (s.skipped) parts.push(t('batch.skipped', s));
      if (s.cancelled) parts.push(t('batch.notYet', s));
      ui.outcome.textContent = t('batch.outcome', {
        stopped: t(stopped),
        counts: parts.join(t('batch.separator')),
      });
      ui.downloads.hidden = false;
    } catch (error) {
      ui.outcome.textContent = error.message;
    } finally {
      this.#controller = undefined;
      this.#updateButtons();
    }
  }

  #progressText(p) {
    const t = this.#t;
    const text = t('batch.progress', { done: p.done, total: p.total, rate: Math.round(p.rate) });
    if (p.etaMs === undefined || p.done === p.total) return text;
    return `${text} · ${t('batch.eta', { seconds: Math.ceil(p.etaMs / 1000) })}`;
  }

  // Pause and cancel both stop new sends (rows in flight finish); either way the report says
  // what was done, and Send resumes with the rest.
  #stop(pause) {
    if (!this.#controller) return;
    this.#paused = pause;
    this.#controller.abort();
  }

  async #download(format) {
    const text = await this.#api.batchReport(this.#report, format);
    const type = format === 'csv' ? 'text/csv' : 'application/json';
    const base = this.#fileName.replace(/\.[^.]*$/, '') || 'batch';
    download(text, type, `${base}-report.${format}`, this.element);
  }
}
