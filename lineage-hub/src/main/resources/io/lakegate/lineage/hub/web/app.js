/*
 * Lakegate lineage hub page. Plain JavaScript, no build step, no framework.
 *
 * index.html loads, all `defer`, in this order: /static/app.js, /static/vendor/cytoscape/dist/cytoscape.min.js,
 * /static/vendor/cytoscape-dagre/dist/cytoscape-dagre.min.js (UMD, global `cytoscapeDagre`). app.js runs first only
 * to start the first GET /api/v1/lakegate/graph while cytoscape is still being evaluated; it creates the graph on
 * DOMContentLoaded (which fires after every deferred script), or at once if cytoscape is already there.
 *
 * CSP: works under `default-src 'self'`: no inline script, no inline handlers, no style attributes and no <style>
 * (index.html gives app.css's <link> the id cytoscape looks for, so cytoscape does not inject its own <style>).
 * Every text from the server is set with textContent / text nodes, never innerHTML.
 *
 * Stable hooks for tests
 * ----------------------
 *   body[data-state]           'loading' | 'ready' | 'error' (error: until the next user action succeeds)
 *   #error-banner              shown (not [hidden]) when a request fails; #error-message has the server's message
 *   #search                    search input; GET /api/v1/search?q=..&limit=20, debounced 200 ms
 *   #search-results            result list; each result li.search-result[data-node-id] (click / Enter = focus)
 *   #depth                     depth select 1..10 (default 3), used when focusing; changing it re-focuses
 *   #whole-graph               button: reload GET /api/v1/lakegate/graph without nodeId
 *   #graph                     the cytoscape container
 *   #graph-info                "N nodes · M edges" (+ span.truncated when the server truncated the graph)
 *   #panel                     side panel; #panel[data-kind] = 'dataset' | 'job', #panel[data-node-id] = selected id
 *   #panel-title               full name of the selected node (#panel-subtitle: namespace)
 *   #panel-focus               button: reload the graph around the selected node
 *   a.node-link[data-node-id]  every node listed in the panel (click = focus that node)
 *  dataset panel:
 *   #aliases                   li.alias per alias (namespace + name)
 *   #schema                    table; one tr.field[data-field] per column, with class 'masked' when masked (its
 *                              mask types in span.mask-type, tags in span.tag)
 *   #column-lineage            tr.column-lineage-row[data-field] per output column, its inputs in li.cl-input
 *   #writers, #readers         li.job-summary[data-node-id]: engine, last run state, duration, rows, bytes, owner
 *   #downstream                "Downstream impact": jobs and datasets downstream (what breaks)
 *   #upstream                  "Upstream sources": datasets and jobs upstream (where the data came from)
 *   #governance                contains #masked-columns (li.masked-column[data-field]), #row-filters
 *                              (li.row-filter), #masked-reads (tr.masked-read: user, job, time, columns),
 *                              #pii-jobs ("Jobs processing PII", node links)
 *  job panel:
 *   #job-engine, #job-type, #owners
 *   #inputs, #outputs          node links
 *   #sql                       <pre> with the SQL as text (class 'empty' and a placeholder when there is none)
 *   #runs                      table; tr.run[data-run-id][data-state]: state, start, duration, rows, bytes, user
 *  graph (cytoscape): node classes dataset | job, engine-spark | engine-trino | engine-flink | engine-unknown,
 *   failed (latest run FAILED), governed; node data: id, type, name, label. Selection: class focused on the node,
 *   hl-down / hl-up on edges downstream / upstream of it, faded on the rest. Layout, left to right: dagre up to
 *   150 nodes / 300 edges, above that the built-in layered layout (see layoutEngine(); `?layout=dagre` forces dagre).
 *
 *   window.lakegate = { cy, ready, renderedAt, paintedAt, timings, select(nodeId), focus(nodeId), wholeGraph(),
 *                       loadGraph(opts) }
 *     cy          the cytoscape instance (null until the vendor scripts have run)
 *     ready       Promise resolved after the first graph layout (rejected if the first graph load fails)
 *     renderedAt  performance.now() right after the first layout (and fit) completed: ms since navigation start
 *     paintedAt   performance.now() when cytoscape had drawn that first graph (its first 'render' event after it)
 *     timings     {engine: 'dagre' | 'layered', elements, layout, fit (ms), nodes, edges} of the latest render
 *     select(id)  same as clicking that node: highlight it and open its panel; Promise<boolean> (true = panel shown)
 *     focus(id)   same as clicking a search result or a panel link: reload the graph around the node (depth from
 *                 #depth) and open its panel; Promise<boolean>
 */
(function () {
  'use strict';

  const API = '/api/v1/lakegate';
  const ENGINES = ['spark', 'trino', 'flink'];

  // ---------------------------------------------------------------- DOM helpers

  const $ = (id) => document.getElementById(id);

  /** Builds an element. Children that are not Nodes become text nodes (never parsed as HTML). */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'className') el.className = v;
        else if (k === 'dataset') { for (const [dk, dv] of Object.entries(v)) if (dv != null) el.dataset[dk] = String(dv); }
        else if (k === 'text') el.textContent = String(v);
        else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    appendAll(el, children);
    return el;
  }

  function appendAll(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
  }

  const pill = (text, cls) => h('span', { className: 'pill ' + (cls || '') }, text);

  function enginePill(engine) {
    const e = engineKey(engine);
    return pill(engine ? String(engine) : 'unknown', 'engine engine-' + e);
  }

  function statePill(state) {
    if (!state) return pill('no runs', 'state state-none');
    return pill(String(state), 'state state-' + String(state).toLowerCase());
  }

  function engineKey(engine) {
    const e = engine ? String(engine).toLowerCase() : '';
    return ENGINES.includes(e) ? e : 'unknown';
  }

  // ---------------------------------------------------------------- formatting

  function fmtTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
  }

  /** Compact form for table cells (the column header says UTC; the full ISO time is in the cell's title). */
  function fmtTimeShort(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toISOString().slice(0, 16).replace('T', ' ');
  }

  function fmtDuration(ms) {
    if (ms === null || ms === undefined || ms === '') return '—';
    ms = Number(ms);
    if (!isFinite(ms)) return '—';
    if (ms < 1000) return Math.round(ms) + ' ms';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(1) + ' s';
    const totalS = Math.round(s);
    if (totalS < 3600) return Math.floor(totalS / 60) + ' m ' + (totalS % 60) + ' s';
    const m = Math.floor(totalS / 60);
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' m';
  }

  function fmtCount(n) {
    if (n === null || n === undefined || n === '') return '—';
    const v = Number(n);
    return isFinite(v) ? v.toLocaleString('en-US') : String(n);
  }

  /** 1234567 -> "1.23 M" (exact value goes in a title). */
  function fmtCountShort(n) {
    if (n === null || n === undefined || n === '') return '—';
    const v = Number(n);
    if (!isFinite(v)) return String(n);
    const a = Math.abs(v);
    if (a < 10000) return v.toLocaleString('en-US');
    const units = [[1e12, ' T'], [1e9, ' G'], [1e6, ' M'], [1e3, ' k']];
    for (const [u, suffix] of units) if (a >= u) return (v / u).toFixed(v / u < 10 ? 2 : v / u < 100 ? 1 : 0) + suffix;
    return String(v);
  }

  function fmtBytes(n) {
    if (n === null || n === undefined || n === '') return '—';
    let v = Number(n);
    if (!isFinite(v)) return String(n);
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0)) + ' ' + units[i];
  }

  /** Keeps the tail of long names (the table / task part is the informative end). */
  function shorten(name, max) {
    const s = String(name == null ? '' : name);
    return s.length <= max ? s : '…' + s.slice(s.length - (max - 1));
  }

  // ---------------------------------------------------------------- node info cache

  /** nodeId -> {type, name, namespace, engine, state, governed}; filled from every response. */
  const nodeInfo = new Map();

  function remember(id, info) {
    if (!id) return;
    const prev = nodeInfo.get(id) || {};
    const next = Object.assign({}, prev);
    for (const [k, v] of Object.entries(info)) if (v !== undefined && v !== null) next[k] = v;
    nodeInfo.set(id, next);
  }

  const isJobId = (id) => String(id).startsWith('job:');

  function displayName(id) {
    const info = nodeInfo.get(id);
    if (info && info.name) return info.name;
    // Never split an id (namespaces contain ':'); show it without its type prefix.
    return String(id).replace(/^(dataset|job):/, '');
  }

  function nodeLink(id, text) {
    const info = nodeInfo.get(id) || {};
    const a = h('a', {
      className: 'node-link ' + (isJobId(id) ? 'job-link' : 'dataset-link'),
      href: '#node=' + encodeURIComponent(id),
      title: id,
      dataset: { nodeId: id },
    }, text !== undefined ? text : displayName(id));
    return a;
  }

  /** A list item for a node id: link + engine/state pills for jobs. */
  function nodeItem(id) {
    const info = nodeInfo.get(id) || {};
    const li = h('li', { className: 'node-item', dataset: { nodeId: id } }, nodeLink(id));
    if (isJobId(id)) {
      li.append(' ', enginePill(info.engine));
      if (info.state) li.append(' ', statePill(info.state));
    }
    if (info.governed) li.append(' ', pill('governed', 'governed'));
    if (info.namespace) li.append(h('span', { className: 'ns' }, info.namespace));
    return li;
  }

  function nodeList(ids, emptyText) {
    const list = Array.isArray(ids) ? ids : [];
    if (!list.length) return h('p', { className: 'empty' }, emptyText || 'None');
    return h('ul', { className: 'node-list' }, list.map(nodeItem));
  }

  // ---------------------------------------------------------------- request state / errors

  let pending = 0;
  let hasError = false;

  function updateState() {
    document.body.dataset.state = pending > 0 ? 'loading' : (hasError ? 'error' : 'ready');
  }

  class ApiError extends Error {
    constructor(status, message, path) {
      super(message);
      this.name = 'ApiError';
      this.status = status;
      this.path = path;
    }
  }

  let errorMessages = [];

  function showError(err) {
    hasError = true;
    const status = err && err.status ? ' (' + err.status + ')' : '';
    const msg = (err && err.message) ? err.message : String(err);
    const text = (err instanceof ApiError ? 'Request failed' + status + ': ' : 'Error: ') + msg;
    if (!errorMessages.includes(text)) errorMessages = errorMessages.concat(text).slice(-3);
    $('error-message').textContent = errorMessages.join(' \u2014 ');
    $('error-banner').hidden = false;
    updateState();
  }

  function clearError() {
    hasError = false;
    errorMessages = [];
    $('error-banner').hidden = true;
    $('error-message').textContent = '';
    updateState();
  }

  async function getJSON(path, opts) {
    const track = !opts || opts.track !== false;
    const signal = opts && opts.signal;
    if (track) { pending++; updateState(); }
    try {
      let res;
      try {
        res = await fetch(path, { signal, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      } catch (e) {
        if (e && e.name === 'AbortError') throw e;
        throw new ApiError(0, 'network error (' + (e && e.message ? e.message : e) + ')', path);
      }
      const text = await res.text();
      let body = null;
      try { body = text ? JSON.parse(text) : null; } catch (_) { body = null; }
      if (!res.ok) {
        const msg = body && typeof body === 'object' && body.message ? body.message
          : (text ? text.slice(0, 300) : res.statusText || 'HTTP error');
        throw new ApiError(res.status, msg, path);
      }
      if (body === null || typeof body !== 'object') throw new ApiError(res.status, 'invalid JSON response from ' + path, path);
      return body;
    } catch (e) {
      if (!(e && e.name === 'AbortError')) showError(e);
      throw e;
    } finally {
      if (track) { pending--; updateState(); }
    }
  }

  // ---------------------------------------------------------------- cytoscape

  const DATASET_W = 168, DATASET_H = 30, JOB_W = 184, JOB_H = 34;
  const NODE_SEP = 14, RANK_SEP = 55;
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
  const cyStyle = [
    { selector: 'node', style: {
      'label': 'data(label)', 'font-size': 11, 'font-family': FONT, 'color': '#1b2430',
      'text-valign': 'center', 'text-halign': 'center', 'min-zoomed-font-size': 5,
      'width': DATASET_W, 'height': DATASET_H, 'border-width': 1, 'border-color': '#5b84b8',
      'background-color': '#e4eefa', 'shape': 'round-rectangle',
    } },
    { selector: 'node.job', style: {
      'shape': 'hexagon', 'width': JOB_W, 'height': JOB_H, 'border-color': '#6b7480', 'background-color': '#c9ced6',
    } },
    { selector: 'node.engine-spark', style: { 'background-color': '#f8b26a', 'border-color': '#c8610a' } },
    { selector: 'node.engine-trino', style: { 'background-color': '#ee9ad6', 'border-color': '#b0127f' } },
    { selector: 'node.engine-flink', style: { 'background-color': '#8fd6cb', 'border-color': '#17877a' } },
    { selector: 'node.governed', style: {
      'outline-width': 3, 'outline-color': '#e0a100', 'outline-offset': 1, 'outline-opacity': 1,
      'border-color': '#e0a100', 'border-width': 2,
    } },
    { selector: 'node.failed', style: { 'border-color': '#d62728', 'border-width': 4 } },
    { selector: 'edge', style: {
      'width': 1.4, 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9, 'curve-style': 'bezier',
    } },
    { selector: '.faded', style: { 'opacity': 0.22 } },
    { selector: 'edge.hl-down', style: { 'line-color': '#e8590c', 'target-arrow-color': '#e8590c', 'width': 2.4 } },
    { selector: 'edge.hl-up', style: { 'line-color': '#2f9e44', 'target-arrow-color': '#2f9e44', 'width': 2.4 } },
    { selector: 'node.focused', style: {
      'underlay-color': '#2563eb', 'underlay-padding': 7, 'underlay-opacity': 0.35, 'underlay-shape': 'round-rectangle',
      'font-weight': 'bold',
    } },
  ];

  let cy = null; // created in start(), once the deferred vendor scripts have run

  function createGraph() {
    cytoscape.use(cytoscapeDagre);
    cy = cytoscape({
      container: $('graph'),
      style: cyStyle,
      elements: [],
      minZoom: 0.03,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autounselectify: true,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      motionBlur: false,
      pixelRatio: 'auto',
    });
    cy.on('tap', 'node', (evt) => { select(evt.target.id()); });
    cy.on('tap', (evt) => { if (evt.target === cy) highlight(null); });
    cy.on('mouseover', 'node', (evt) => { $('graph').title = evt.target.data('name') || evt.target.id(); });
    cy.on('mouseout', 'node', () => { $('graph').title = ''; });
    return cy;
  }

  // Governed nodes are marked by their amber outline (see the legend): an emoji needs a font servers often lack.
  function nodeLabel(n) {
    if (n.type === 'JOB') return (n.engine ? String(n.engine) : 'unknown') + ' · ' + shorten(n.name, 22);
    return shorten(n.name, 24);
  }

  function toElements(graph) {
    const nodes = [];
    const ids = new Set();
    for (const n of graph) {
      if (!n || !n.id) continue;
      ids.add(n.id);
    }
    for (const n of graph) {
      if (!n || !n.id) continue;
      const type = n.type === 'JOB' || (n.type == null && isJobId(n.id)) ? 'JOB' : 'DATASET';
      const name = n.name != null ? String(n.name) : displayName(n.id);
      const classes = [type === 'JOB' ? 'job' : 'dataset'];
      if (type === 'JOB') classes.push('engine-' + engineKey(n.engine));
      if (n.state === 'FAILED') classes.push('failed');
      if (n.governed) classes.push('governed');
      remember(n.id, { type, name, namespace: n.namespace, engine: n.engine, state: n.state, governed: !!n.governed });
      nodes.push({
        group: 'nodes',
        data: { id: n.id, type, name, label: nodeLabel(Object.assign({}, n, { type, name })) },
        classes: classes.join(' '),
      });
    }
    const edges = [];
    const seen = new Set();
    for (const n of graph) {
      if (!n || !n.id) continue;
      for (const e of [].concat(n.inEdges || [], n.outEdges || [])) {
        if (!e || !ids.has(e.origin) || !ids.has(e.destination) || e.origin === e.destination) continue;
        const key = e.origin + '\u0000' + e.destination;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ group: 'edges', data: { id: 'e' + edges.length, source: e.origin, target: e.destination } });
      }
    }
    return { nodes, edges };
  }

  // ---------------------------------------------------------------- layout choice

  /*
   * dagre (cytoscape-dagre, rankDir LR) lays out every graph up to DAGRE_MAX_NODES nodes and DAGRE_MAX_EDGES
   * edges, i.e. the focused views. dagre is super-linear: cold, on a 2-vCPU box, ~0.4 s for 100 nodes and 1-2 s
   * for 500, which alone breaks the 1 s first-render budget of a 500-node whole-graph view. Above the limits the
   * page uses layeredPositions() below: the same kind of left-to-right layered drawing (longest-path ranks,
   * barycenter ordering, rows aligned with their neighbours) in ~50 ms for 500 nodes.
   * `?layout=dagre` or `?layout=layered` in the page URL forces one engine for every graph.
   */
  const DAGRE_MAX_NODES = 150, DAGRE_MAX_EDGES = 300;
  const forcedLayout = /[?&]layout=(dagre|layered)\b/.exec(location.search);

  function layoutEngine(nodeCount, edgeCount) {
    if (forcedLayout) return forcedLayout[1];
    return nodeCount <= DAGRE_MAX_NODES && edgeCount <= DAGRE_MAX_EDGES ? 'dagre' : 'layered';
  }

  /**
   * Left-to-right layered layout, linear in nodes + edges per sweep: cycles broken by a Kahn order, longest-path
   * ranks (sources pulled next to their first reader), 8 barycenter ordering sweeps, then rows aligned with their
   * neighbours (isotonic regression keeps order and spacing). Weakly connected components are stacked vertically.
   * Returns a function node -> {x, y} for the preset layout.
   */
  function layeredPositions(nodeEls, edgeEls) {
    const n = nodeEls.length;
    const index = new Map();
    nodeEls.forEach((e, i) => index.set(e.data.id, i));
    const hgt = nodeEls.map((e) => (e.data.type === 'JOB' ? JOB_H : DATASET_H));
    const succ = Array.from({ length: n }, () => []);
    const pred = Array.from({ length: n }, () => []);
    for (const e of edgeEls) {
      const a = index.get(e.data.source), b = index.get(e.data.target);
      if (a === undefined || b === undefined || a === b) continue;
      succ[a].push(b);
      pred[b].push(a);
    }
    // topological order (Kahn); a cycle is broken at the remaining node with the fewest unprocessed inputs
    const indeg = pred.map((p) => p.length);
    const topo = new Int32Array(n).fill(-1);
    const order = [];
    const queue = [];
    for (let i = 0; i < n; i++) if (!indeg[i]) queue.push(i);
    let qi = 0;
    while (order.length < n) {
      if (qi >= queue.length) {
        let best = -1;
        for (let i = 0; i < n; i++) if (topo[i] < 0 && indeg[i] > 0 && (best < 0 || indeg[i] < indeg[best])) best = i;
        indeg[best] = 0;
        queue.push(best);
      }
      const v = queue[qi++];
      if (topo[v] >= 0) continue;
      topo[v] = order.length;
      order.push(v);
      for (const w of succ[v]) if (topo[w] < 0 && --indeg[w] === 0) queue.push(w);
    }
    // ranks over forward edges only
    const rank = new Int32Array(n);
    for (const v of order) for (const u of pred[v]) if (topo[u] < topo[v] && rank[u] + 1 > rank[v]) rank[v] = rank[u] + 1;
    for (let k = n - 1; k >= 0; k--) {
      const v = order[k];
      if (pred[v].some((u) => topo[u] < topo[v])) continue;
      let m = Infinity;
      for (const w of succ[v]) if (topo[w] > topo[v] && rank[w] - 1 < m) m = rank[w] - 1;
      if (m !== Infinity) rank[v] = m;
    }
    // weakly connected components, in order of first appearance
    const comp = new Int32Array(n).fill(-1);
    const comps = [];
    for (let s = 0; s < n; s++) {
      if (comp[s] >= 0) continue;
      const members = [s];
      comp[s] = comps.length;
      for (let k = 0; k < members.length; k++) {
        const v = members[k];
        for (const w of succ[v]) if (comp[w] < 0) { comp[w] = comps.length; members.push(w); }
        for (const w of pred[v]) if (comp[w] < 0) { comp[w] = comps.length; members.push(w); }
      }
      comps.push(members);
    }
    const x = new Float64Array(n), y = new Float64Array(n), pos = new Float64Array(n);
    const step = Math.max(JOB_W, DATASET_W) + RANK_SEP;
    let top = 0;
    for (const members of comps) {
      let minRank = Infinity;
      for (const v of members) if (rank[v] < minRank) minRank = rank[v];
      const layers = [];
      // members are in BFS order, which is a decent initial ordering
      for (const v of members) (layers[rank[v] - minRank] || (layers[rank[v] - minRank] = [])).push(v);
      const L = layers.length;
      for (const layer of layers) if (layer) layer.forEach((v, i) => { pos[v] = (i + 0.5) / layer.length; });
      const bary = new Float64Array(n);
      for (let sweep = 0; sweep < 8; sweep++) {
        const down = sweep % 2 === 0;
        for (let k = 0; k < L; k++) {
          const layer = layers[down ? k : L - 1 - k];
          if (!layer || layer.length < 2) continue;
          for (const v of layer) {
            const nb = down ? pred[v] : succ[v];
            let sum = 0, cnt = 0;
            for (const w of nb) if (comp[w] === comp[v]) { sum += pos[w]; cnt++; }
            bary[v] = cnt ? sum / cnt : pos[v];
          }
          layer.sort((a, b) => bary[a] - bary[b] || pos[a] - pos[b]);
          layer.forEach((v, i) => { pos[v] = (i + 0.5) / layer.length; });
        }
      }
      // rows: start stacked, then pull each node towards its neighbours' mean without breaking order/spacing
      for (const layer of layers) {
        if (!layer) continue;
        let yy = 0;
        layer.forEach((v, i) => { if (i) yy += hgt[layer[i - 1]] / 2 + NODE_SEP + hgt[v] / 2; y[v] = yy; });
        const mid = yy / 2;
        for (const v of layer) y[v] -= mid;
      }
      const want = new Float64Array(n);
      for (let it = 0; it < 6; it++) {
        for (let k = 0; k < L; k++) {
          const layer = layers[it % 2 === 0 ? k : L - 1 - k];
          if (!layer) continue;
          for (const v of layer) {
            let sum = 0, cnt = 0;
            for (const w of pred[v]) { sum += y[w]; cnt++; }
            for (const w of succ[v]) { sum += y[w]; cnt++; }
            want[v] = cnt ? sum / cnt : y[v];
          }
          isotonicRow(layer, want, y, hgt);
        }
      }
      let minY = Infinity, maxY = -Infinity;
      for (const v of members) {
        x[v] = (rank[v] - minRank) * step;
        if (y[v] - hgt[v] / 2 < minY) minY = y[v] - hgt[v] / 2;
        if (y[v] + hgt[v] / 2 > maxY) maxY = y[v] + hgt[v] / 2;
      }
      for (const v of members) y[v] += top - minY;
      top += maxY - minY + 3 * NODE_SEP;
    }
    return (node) => {
      const i = index.get(node.id());
      return i === undefined ? { x: 0, y: 0 } : { x: x[i], y: y[i] };
    };
  }

  /**
   * Sets y[v] for the nodes of one row (in order) as close as possible (least squares) to want[v] while keeping
   * y[next] - y[v] >= hgt[v]/2 + NODE_SEP + hgt[next]/2: pool-adjacent-violators on y minus the cumulative offsets.
   */
  function isotonicRow(layer, want, y, hgt) {
    const m = layer.length;
    const off = new Float64Array(m);
    for (let i = 1; i < m; i++) off[i] = off[i - 1] + hgt[layer[i - 1]] / 2 + NODE_SEP + hgt[layer[i]] / 2;
    const val = [], wt = [], len = [];
    for (let i = 0; i < m; i++) {
      val.push(want[layer[i]] - off[i]); wt.push(1); len.push(1);
      while (val.length > 1 && val[val.length - 2] > val[val.length - 1]) {
        const b = val.length - 1, a = b - 1;
        val[a] = (val[a] * wt[a] + val[b] * wt[b]) / (wt[a] + wt[b]);
        wt[a] += wt[b]; len[a] += len[b];
        val.pop(); wt.pop(); len.pop();
      }
    }
    let i = 0;
    for (let b = 0; b < val.length; b++) for (let k = 0; k < len[b]; k++, i++) y[layer[i]] = val[b] + off[i];
  }

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  ready.catch(() => {}); // a failed first load is reported via the banner / body[data-state]
  let firstRenderDone = false;

  function renderGraph(data, focusId) {
    if (!cy) return;
    const t0 = performance.now();
    const graph = Array.isArray(data.graph) ? data.graph : [];
    const { nodes, edges } = toElements(graph);
    cy.batch(() => {
      cy.elements().remove();
      cy.add(nodes);
      cy.add(edges);
    });
    const t1 = performance.now();
    const engine = layoutEngine(nodes.length, edges.length);
    const layout = engine === 'dagre'
      ? cy.layout({
        name: 'dagre', rankDir: 'LR', animate: false, fit: false,
        nodeSep: NODE_SEP, rankSep: RANK_SEP, edgeSep: 8,
        // network-simplex gives the tidiest ranks but is super-linear (about twice tight-tree at 100 nodes)
        ranker: nodes.length <= 60 && edges.length <= 100 ? 'network-simplex' : 'tight-tree',
      })
      : cy.layout({ name: 'preset', positions: layeredPositions(nodes, edges), animate: false, fit: false });
    let t2 = 0;
    layout.one('layoutstop', () => {
      t2 = performance.now();
      if (nodes.length) {
        const bb = nodesBox();
        cy.fit(bb, 30);
        if (cy.zoom() > 1.25) {
          cy.zoom(1.25);
          cy.pan({ x: cy.width() / 2 - 1.25 * (bb.x1 + bb.w / 2), y: cy.height() / 2 - 1.25 * (bb.y1 + bb.h / 2) });
        }
      }
      if (!firstRenderDone) {
        firstRenderDone = true;
        window.lakegate.renderedAt = performance.now();
        cy.one('render', () => { window.lakegate.paintedAt = performance.now(); });
        resolveReady(window.lakegate.renderedAt);
      }
    });
    layout.run();
    window.lakegate.timings = { engine, elements: Math.round(t1 - t0), layout: Math.round(t2 - t1),
      fit: Math.round(performance.now() - t2), nodes: nodes.length, edges: edges.length };
    const info = $('graph-info');
    info.replaceChildren();
    if (!nodes.length) {
      info.append(focusId ? 'No lineage found for this node.' : 'No lineage recorded yet.');
    } else {
      info.append(nodes.length + ' nodes · ' + edges.length + ' edges');
      if (data.truncated) info.append(h('span', { className: 'truncated' }, ' · truncated (most recently updated part)'));
    }
    if (focusId) {
      highlight(focusId);
      const n = cy.getElementById(focusId);
      // a deep neighbourhood may fit only at an unreadable zoom: then show the focused node readable, centred
      if (n.nonempty() && cy.zoom() < 0.6) { cy.zoom(0.75); cy.center(n); }
    } else if (selectedId && cy.getElementById(selectedId).nonempty()) {
      highlight(selectedId);
    }
  }

  /**
   * Bounding box of the node shapes, from positions and the fixed node sizes. cy.fit(collection) would measure
   * every label (and with edges, route every edge) before the first frame.
   */
  function nodesBox() {
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    cy.nodes().forEach((n) => {
      const p = n.position();
      const job = n.hasClass('job');
      const w = (job ? JOB_W : DATASET_W) / 2 + 4, hh = (job ? JOB_H : DATASET_H) / 2 + 4;
      if (p.x - w < x1) x1 = p.x - w;
      if (p.x + w > x2) x2 = p.x + w;
      if (p.y - hh < y1) y1 = p.y - hh;
      if (p.y + hh > y2) y2 = p.y + hh;
    });
    return { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 };
  }

  function highlight(id) {
    if (!cy) return;
    cy.batch(() => {
      cy.elements('.faded, .hl-up, .hl-down, .focused').removeClass('faded hl-up hl-down focused');
      const n = id ? cy.getElementById(id) : cy.collection();
      if (!n || n.empty()) return;
      const down = n.successors();
      const up = n.predecessors();
      cy.elements().difference(down).difference(up).difference(n).addClass('faded');
      down.edges().addClass('hl-down');
      up.edges().addClass('hl-up');
      n.addClass('focused');
    });
  }

  // ---------------------------------------------------------------- graph loading

  let graphSeq = 0;
  let graphAbort = null;
  let focusedId = null; // node the graph is currently centred on (null = whole graph)

  /** Starts GET /graph (superseding any graph request in flight); returns {seq, nodeId, response}. */
  function requestGraph(nodeId, depth) {
    const seq = ++graphSeq;
    if (graphAbort) graphAbort.abort();
    graphAbort = new AbortController();
    let path = API + '/graph';
    const qs = [];
    if (nodeId) qs.push('nodeId=' + encodeURIComponent(nodeId));
    if (nodeId && depth) qs.push('depth=' + encodeURIComponent(depth));
    if (qs.length) path += '?' + qs.join('&');
    const response = getJSON(path, { signal: graphAbort.signal });
    response.catch(() => {}); // handled by whoever awaits it
    return { seq, nodeId: nodeId || null, response };
  }

  /** Loads and renders the graph around opts.nodeId (whole graph without it); resolves true when rendered. */
  async function loadGraph(opts, pendingRequest) {
    const req = pendingRequest || requestGraph(opts && opts.nodeId, opts && opts.depth);
    const seq = req.seq;
    const nodeId = req.nodeId;
    let data;
    try {
      data = await req.response;
    } catch (e) {
      if (e && e.name === 'AbortError') return false;
      if (!firstRenderDone) rejectReady(e);
      if (seq === graphSeq) $('graph-info').textContent = 'The graph could not be loaded.';
      throw e;
    }
    if (seq !== graphSeq) return false;
    focusedId = nodeId || null;
    renderGraph(data, nodeId);
    return true;
  }

  function wholeGraph() {
    clearError();
    if (location.hash) history.pushState(null, '', location.pathname + location.search);
    return loadGraph({}).catch(() => false);
  }

  function focus(nodeId, opts) {
    if (!nodeId) return Promise.resolve(false);
    clearError();
    if (!opts || opts.push !== false) {
      const hash = '#node=' + encodeURIComponent(nodeId);
      if (location.hash !== hash) history.pushState(null, '', hash);
    }
    const depth = $('depth').value || '3';
    return Promise.all([
      loadGraph({ nodeId, depth }).catch(() => false),
      select(nodeId),
    ]).then(([g, p]) => g && p);
  }

  // ---------------------------------------------------------------- side panel

  let panelSeq = 0;
  let panelAbort = null;
  let selectedId = null;

  function setPanelHead(kindText, title, subtitleParts, badges) {
    $('panel-kind').replaceChildren(h('span', { className: 'kind' }, kindText), ...(badges || []).flatMap((b) => [' ', b]));
    $('panel-title').textContent = title;
    $('panel-title').title = title;
    $('panel-subtitle').replaceChildren(...subtitleParts);
  }

  function focusButton(id) {
    return h('button', { id: 'panel-focus', type: 'button', className: 'small', dataset: { nodeId: id },
      title: 'Reload the graph around this node with the selected depth' }, 'Focus graph here');
  }

  async function select(nodeId) {
    if (!nodeId) return false;
    clearError();
    const seq = ++panelSeq;
    if (panelAbort) panelAbort.abort();
    panelAbort = new AbortController();
    selectedId = nodeId;
    highlight(nodeId);
    const job = isJobId(nodeId);
    const panel = $('panel');
    panel.dataset.kind = job ? 'job' : 'dataset';
    panel.dataset.nodeId = nodeId;
    history.replaceState(null, '', '#node=' + encodeURIComponent(nodeId));
    setPanelHead(job ? 'Job' : 'Dataset', displayName(nodeId), [], []);
    $('panel-body').replaceChildren(h('p', { className: 'loading' }, 'Loading…'));
    panel.scrollTop = 0;
    let data;
    try {
      data = await getJSON(API + (job ? '/job' : '/dataset') + '?nodeId=' + encodeURIComponent(nodeId),
        { signal: panelAbort.signal });
    } catch (e) {
      if (seq === panelSeq && !(e && e.name === 'AbortError')) {
        $('panel-body').replaceChildren(h('p', { className: 'panel-error' }, 'Could not load details: ' + e.message));
      }
      return false;
    }
    if (seq !== panelSeq) return false;
    if (job) renderJob(nodeId, data); else renderDataset(nodeId, data);
    panel.scrollTop = 0;
    return true;
  }

  function section(id, title, count, ...content) {
    const head = h('h3', null, title);
    if (count !== undefined && count !== null) head.append(' ', h('span', { className: 'count' }, String(count)));
    return h('section', { id, className: 'panel-section' }, head, ...content);
  }

  function subsection(id, title, count, ...content) {
    const head = h('h4', null, title);
    if (count !== undefined && count !== null) head.append(' ', h('span', { className: 'count' }, String(count)));
    return h('div', { id, className: 'panel-subsection' }, head, ...content);
  }

  function jumpNav(items) {
    return h('nav', { className: 'jump' }, items.map(([target, text, cls]) =>
      h('button', { type: 'button', className: 'jump-to ' + (cls || ''), dataset: { target } }, text)));
  }

  function runMeta(run) {
    if (!run) return h('div', { className: 'meta' }, 'No runs recorded');
    const parts = [
      'started ' + fmtTime(run.startedAt),
      fmtDuration(run.durationMs),
      fmtCount(run.rowCount) + ' rows',
      fmtBytes(run.bytes),
    ];
    if (run.owner) parts.push('owner ' + run.owner);
    if (run.user && run.user !== run.owner) parts.push('user ' + run.user);
    return h('div', { className: 'meta' }, parts.join(' · '));
  }

  function jobSummaryList(jobs) {
    const list = Array.isArray(jobs) ? jobs : [];
    if (!list.length) return h('p', { className: 'empty' }, 'None recorded');
    return h('ul', { className: 'job-list' }, list.map((j) => {
      const run = j.lastRun || null;
      return h('li', { className: 'job-summary', dataset: { nodeId: j.id } },
        h('div', { className: 'line' }, nodeLink(j.id, j.name || displayName(j.id)), ' ', enginePill(j.engine), ' ',
          statePill(run && run.state)),
        runMeta(run));
    }));
  }

  function renderDataset(id, d) {
    remember(id, { type: 'DATASET', name: d.name, namespace: d.namespace });
    const fields = Array.isArray(d.fields) ? d.fields : [];
    const writers = Array.isArray(d.writers) ? d.writers : [];
    const readers = Array.isArray(d.readers) ? d.readers : [];
    for (const j of writers.concat(readers)) {
      remember(j.id, { type: 'JOB', name: j.name, namespace: j.namespace, engine: j.engine,
        state: j.lastRun ? j.lastRun.state : undefined });
    }
    const up = d.upstream || {};
    const down = d.downstream || {};
    const gov = d.governance || {};
    const upDs = up.datasets || [], upJobs = up.jobs || [];
    const downDs = down.datasets || [], downJobs = down.jobs || [];
    const masked = gov.maskedColumns || [];
    const filters = gov.rowFilters || [];
    const reads = gov.maskedReads || [];
    const pii = gov.piiJobs || [];
    const governed = masked.length > 0 || filters.length > 0;
    remember(id, { governed });

    const badges = [];
    if (governed) badges.push(pill('governed', 'governed'));
    setPanelHead('Dataset', d.name || displayName(id), [
      h('span', { className: 'ns' }, d.namespace || ''),
      d.updatedAt ? h('span', { className: 'updated' }, 'updated ' + fmtTime(d.updatedAt)) : null,
    ].filter(Boolean), badges);

    const body = [];
    body.push(h('div', { className: 'panel-actions' }, focusButton(id)));
    body.push(jumpNav([
      ['downstream', 'Downstream ' + (downDs.length + downJobs.length), downDs.length + downJobs.length ? 'warn' : ''],
      ['upstream', 'Upstream ' + (upDs.length + upJobs.length)],
      ['governance', 'Governance ' + (masked.length + filters.length) + (pii.length ? ' · PII jobs ' + pii.length : ''),
        governed ? 'gov' : ''],
      ['schema-section', 'Schema ' + fields.length],
      ['column-lineage', 'Column lineage'],
      ['writers', 'Writers ' + writers.length],
      ['readers', 'Readers ' + readers.length],
    ]));

    const aliases = Array.isArray(d.aliases) ? d.aliases : [];
    if (aliases.length) {
      body.push(h('div', { id: 'aliases', className: 'aliases' }, h('span', { className: 'label' }, 'Also known as'),
        h('ul', null, aliases.map((a) => h('li', { className: 'alias' },
          h('span', { className: 'ns' }, a.namespace || ''), ' ', h('span', { className: 'alias-name' }, a.name || ''))))));
    } else {
      body.push(h('div', { id: 'aliases', className: 'aliases empty' }));
    }

    body.push(section('downstream', 'Downstream impact', downDs.length + downJobs.length,
      h('p', { className: 'explain' }, 'What may break if this table changes (transitive).'),
      h('h4', null, 'Jobs ', h('span', { className: 'count' }, String(downJobs.length))),
      nodeList(downJobs, 'No downstream jobs'),
      h('h4', null, 'Datasets ', h('span', { className: 'count' }, String(downDs.length))),
      nodeList(downDs, 'No downstream datasets')));

    body.push(section('upstream', 'Upstream sources', upDs.length + upJobs.length,
      h('p', { className: 'explain' }, 'Where this table\u2019s data comes from (transitive).'),
      h('h4', null, 'Datasets ', h('span', { className: 'count' }, String(upDs.length))),
      nodeList(upDs, 'No upstream datasets'),
      h('h4', null, 'Jobs ', h('span', { className: 'count' }, String(upJobs.length))),
      nodeList(upJobs, 'No upstream jobs')));

    body.push(section('governance', 'Governance', null,
      subsection('masked-columns', 'Masked columns', masked.length,
        masked.length ? h('ul', { className: 'masked-list' }, masked.map((m) => h('li', { className: 'masked-column',
          dataset: { field: m.name } }, h('code', null, m.name), ' ', (m.maskTypes || []).map((t) => pill(t, 'mask-type')))))
          : h('p', { className: 'empty' }, 'No masked columns')),
      subsection('row-filters', 'Row filters', filters.length,
        filters.length ? h('ul', { className: 'filter-list' }, filters.map((f) => h('li', { className: 'row-filter' },
          h('code', null, f.expression || ''),
          h('div', { className: 'meta' }, 'applies to: ' + ((f.users && f.users.length) ? f.users.join(', ') : '—')))))
          : h('p', { className: 'empty' }, 'No row filters')),
      subsection('masked-reads', 'Who saw masked data', reads.length,
        reads.length ? h('table', { className: 'grid' },
          h('thead', null, h('tr', null, h('th', null, 'User'), h('th', null, 'Job'), h('th', null, 'Time (UTC)'), h('th', null, 'Columns'))),
          h('tbody', null, reads.map((r) => h('tr', { className: 'masked-read', dataset: { runId: r.runId } },
            h('td', null, r.user || '—'),
            h('td', null, r.job ? nodeLink(r.job) : '—'),
            h('td', { className: 'nowrap', title: r.at || '' }, fmtTimeShort(r.at)),
            h('td', null, (r.columns || []).map((c) => pill(c, 'col')))))))
          : h('p', { className: 'empty' }, 'Nobody has read masked data')),
      subsection('pii-jobs', 'Jobs processing PII', pii.length, nodeList(pii, 'No jobs read masked columns'))));

    // schema
    const schemaRows = fields.map((f) => {
      const tr = h('tr', { className: 'field' + (f.masked ? ' masked' : ''), dataset: { field: f.name } },
        h('td', { className: 'col-name' }, h('code', null, f.name || '')),
        h('td', { className: 'col-type' }, f.type || ''),
        h('td', { className: 'col-desc' }, f.description || ''),
        h('td', { className: 'col-flags' },
          f.masked ? [pill('masked', 'masked-flag'), ' ',
            (f.maskTypes || []).map((t) => [pill(t, 'mask-type'), ' '])] : null,
          (f.tags || []).map((t) => [pill(t, 'tag'), ' '])));
      return tr;
    });
    body.push(h('section', { id: 'schema-section', className: 'panel-section' },
      h('h3', null, 'Schema ', h('span', { className: 'count' }, String(fields.length))),
      h('table', { id: 'schema', className: 'grid' },
        h('thead', null, h('tr', null, h('th', null, 'Column'), h('th', null, 'Type'), h('th', null, 'Description'),
          h('th', null, 'Masking / tags'))),
        h('tbody', null, schemaRows.length ? schemaRows
          : h('tr', { className: 'empty-row' }, h('td', { colspan: 4, className: 'empty' }, 'No schema recorded'))))));

    // column lineage
    const cl = Array.isArray(d.columnLineage) ? d.columnLineage : [];
    body.push(section('column-lineage', 'Column lineage', cl.length,
      cl.length ? h('table', { className: 'grid' },
        h('thead', null, h('tr', null, h('th', null, 'Column'), h('th', null, 'Comes from'))),
        h('tbody', null, cl.map((c) => h('tr', { className: 'column-lineage-row', dataset: { field: c.field } },
          h('td', { className: 'col-name' }, h('code', null, c.field || '')),
          h('td', null, h('ul', { className: 'cl-inputs' }, (c.inputs || []).map((i) => {
            const dsId = 'dataset:' + (i.namespace || '') + ':' + (i.name || '');
            return h('li', { className: 'cl-input', title: (i.namespace || '') + ' / ' + (i.name || '') },
              nodeLink(dsId, shorten(i.name || '', 40)), '.', h('code', null, i.field || ''),
              i.transformation ? [' ', pill(i.transformation, 'transform')] : null);
          })))))))
        : h('p', { className: 'empty' }, 'No column-level lineage recorded')));

    body.push(section('writers', 'Writers', writers.length, jobSummaryList(writers)));
    body.push(section('readers', 'Readers', readers.length, jobSummaryList(readers)));

    $('panel-body').replaceChildren(...body);
  }

  function renderJob(id, j) {
    const runs = Array.isArray(j.runs) ? j.runs : [];
    remember(id, { type: 'JOB', name: j.name, namespace: j.namespace, engine: j.engine,
      state: runs.length ? runs[0].state : undefined });
    const info = nodeInfo.get(id) || {};
    const badges = [enginePill(j.engine), statePill(runs.length ? runs[0].state : null)];
    if (info.governed) badges.push(pill('reads governed data', 'governed'));
    setPanelHead('Job', j.name || displayName(id), [h('span', { className: 'ns' }, j.namespace || '')], badges);

    const owners = Array.isArray(j.owners) ? j.owners : [];
    const inputs = Array.isArray(j.inputs) ? j.inputs : [];
    const outputs = Array.isArray(j.outputs) ? j.outputs : [];
    const body = [];
    body.push(h('div', { className: 'panel-actions' }, focusButton(id)));
    body.push(h('dl', { className: 'facts' },
      h('dt', null, 'Engine'), h('dd', { id: 'job-engine' }, j.engine || 'unknown'),
      h('dt', null, 'Type'), h('dd', { id: 'job-type' }, j.type || '—'),
      h('dt', null, 'Owners'), h('dd', { id: 'owners' }, owners.length ? owners.join(', ') : '—')));

    body.push(section('inputs', 'Inputs', inputs.length, nodeList(inputs, 'No inputs recorded')));
    body.push(section('outputs', 'Outputs', outputs.length, nodeList(outputs, 'No outputs recorded')));

    const sql = h('pre', { id: 'sql', className: j.sql ? 'sql' : 'sql empty' });
    sql.textContent = j.sql ? String(j.sql) : 'No SQL recorded';
    body.push(h('section', { id: 'sql-section', className: 'panel-section' }, h('h3', null, 'SQL'), sql));

    body.push(h('section', { id: 'runs-section', className: 'panel-section' },
      h('h3', null, 'Runs ', h('span', { className: 'count' }, String(runs.length))),
      h('table', { id: 'runs', className: 'grid' },
        h('thead', null, h('tr', null, h('th', null, 'State'), h('th', null, 'Started (UTC)'), h('th', null, 'Duration'),
          h('th', { className: 'num' }, 'Rows'), h('th', { className: 'num' }, 'Bytes'), h('th', null, 'User'))),
        h('tbody', null, runs.length ? runs.map((r) => h('tr', { className: 'run', dataset: { runId: r.runId, state: r.state } },
          h('td', null, statePill(r.state)),
          h('td', { className: 'nowrap', title: r.startedAt || '' }, fmtTimeShort(r.startedAt)),
          h('td', { className: 'nowrap' }, fmtDuration(r.durationMs)),
          h('td', { className: 'num nowrap', title: r.rowCount != null ? String(r.rowCount) : '' }, fmtCountShort(r.rowCount)),
          h('td', { className: 'num nowrap' }, fmtBytes(r.bytes)),
          h('td', null, r.user || r.owner || '—')))
          : h('tr', { className: 'empty-row' }, h('td', { colspan: 6, className: 'empty' }, 'No runs recorded'))))));

    $('panel-body').replaceChildren(...body);
  }

  // panel delegation: node links, jump buttons, focus button
  $('panel').addEventListener('click', (evt) => {
    const link = evt.target.closest('a.node-link');
    if (link && link.dataset.nodeId) {
      if (evt.ctrlKey || evt.metaKey || evt.shiftKey || evt.button === 1) return; // open in new tab
      evt.preventDefault();
      focus(link.dataset.nodeId);
      return;
    }
    const jump = evt.target.closest('button.jump-to');
    if (jump) {
      const target = $(jump.dataset.target);
      if (target) target.scrollIntoView({ block: 'start', behavior: 'auto' });
      return;
    }
    const fb = evt.target.closest('#panel-focus');
    if (fb && fb.dataset.nodeId) focus(fb.dataset.nodeId);
  });

  // ---------------------------------------------------------------- search

  const searchInput = $('search');
  const resultsEl = $('search-results');
  let searchTimer = 0;
  let searchAbort = null;
  let searchSeq = 0;
  let activeIndex = -1;

  function hideResults() {
    resultsEl.hidden = true;
    activeIndex = -1;
    searchInput.setAttribute('aria-expanded', 'false');
  }

  function showResults() {
    if (resultsEl.childElementCount) {
      resultsEl.hidden = false;
      searchInput.setAttribute('aria-expanded', 'true');
    }
  }

  function resultNodeId(r) {
    if (r.nodeId) return r.nodeId;
    return (r.type === 'JOB' ? 'job:' : 'dataset:') + (r.namespace || '') + ':' + (r.name || '');
  }

  function renderResults(data, q) {
    const results = Array.isArray(data.results) ? data.results : [];
    resultsEl.replaceChildren();
    activeIndex = -1;
    if (!results.length) {
      resultsEl.append(h('li', { className: 'search-empty' }, 'No tables or jobs match \u201c' + q + '\u201d'));
    }
    results.forEach((r, i) => {
      const id = resultNodeId(r);
      const type = r.type === 'JOB' ? 'JOB' : 'DATASET';
      remember(id, { type, name: r.name, namespace: r.namespace });
      const info = nodeInfo.get(id) || {};
      resultsEl.append(h('li', {
        className: 'search-result', role: 'option', id: 'search-result-' + i, dataset: { nodeId: id, index: i },
        title: id,
      },
      pill(type === 'JOB' ? 'job' : 'table', 'type type-' + type.toLowerCase()),
      type === 'JOB' && info.engine ? [' ', enginePill(info.engine)] : null,
      ' ', h('span', { className: 'result-name' }, r.name || ''),
      h('span', { className: 'ns' }, r.namespace || '')));
    });
    const total = Number(data.totalCount);
    if (isFinite(total) && total > results.length) {
      resultsEl.append(h('li', { className: 'search-more' }, 'Showing ' + results.length + ' of ' + total + ' — refine the search'));
    }
    showResults();
  }

  async function runSearch() {
    const q = searchInput.value.trim();
    const seq = ++searchSeq;
    if (searchAbort) searchAbort.abort();
    if (!q) { resultsEl.replaceChildren(); hideResults(); return; }
    searchAbort = new AbortController();
    let data;
    try {
      data = await getJSON('/api/v1/search?q=' + encodeURIComponent(q) + '&limit=20', { signal: searchAbort.signal, track: false });
    } catch (_) {
      return;
    }
    if (seq !== searchSeq) return;
    if (hasError && pending === 0) clearError();
    renderResults(data, q);
  }

  function setActive(i) {
    const items = resultsEl.querySelectorAll('.search-result');
    if (!items.length) return;
    activeIndex = (i + items.length) % items.length;
    items.forEach((el, k) => el.classList.toggle('active', k === activeIndex));
    const el = items[activeIndex];
    searchInput.setAttribute('aria-activedescendant', el.id);
    el.scrollIntoView({ block: 'nearest' });
  }

  function choose(el) {
    if (!el || !el.dataset.nodeId) return;
    hideResults();
    focus(el.dataset.nodeId);
  }

  searchInput.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 200);
  });
  searchInput.addEventListener('keydown', (evt) => {
    if (evt.key === 'ArrowDown') { evt.preventDefault(); showResults(); setActive(activeIndex + 1); }
    else if (evt.key === 'ArrowUp') { evt.preventDefault(); showResults(); setActive(activeIndex - 1); }
    else if (evt.key === 'Enter') {
      evt.preventDefault();
      const items = resultsEl.querySelectorAll('.search-result');
      if (items.length) choose(items[activeIndex >= 0 ? activeIndex : 0]);
      else { clearTimeout(searchTimer); runSearch(); }
    } else if (evt.key === 'Escape') { hideResults(); }
  });
  searchInput.addEventListener('focus', showResults);
  resultsEl.addEventListener('click', (evt) => {
    choose(evt.target.closest('.search-result'));
  });
  document.addEventListener('click', (evt) => {
    if (!evt.target.closest('#search-box')) hideResults();
  });

  // ---------------------------------------------------------------- header controls

  $('whole-graph').addEventListener('click', () => { wholeGraph(); });
  $('depth').addEventListener('change', () => {
    if (focusedId) { clearError(); loadGraph({ nodeId: focusedId, depth: $('depth').value }).catch(() => false); }
  });
  $('error-dismiss').addEventListener('click', () => clearError());

  function nodeFromHash() {
    const m = /^#node=(.+)$/.exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (_) { return null; }
  }

  window.addEventListener('popstate', () => {
    const id = nodeFromHash();
    if (id) focus(id, { push: false });
    else { clearError(); loadGraph({}).catch(() => false); }
  });

  // ---------------------------------------------------------------- start

  window.lakegate = {
    cy: null,
    ready,
    renderedAt: null,
    paintedAt: null,
    timings: null,
    select,
    focus,
    wholeGraph,
    loadGraph,
  };

  const initial = nodeFromHash();
  // The first graph request starts now, while the deferred cytoscape scripts (listed after app.js) are evaluated.
  const early = initial ? null : requestGraph(null);

  let started = false;
  function start() {
    if (started) return;
    if (typeof cytoscape === 'undefined' || typeof cytoscapeDagre === 'undefined') {
      const err = new Error('the graph library (/static/vendor/cytoscape…) did not load');
      showError(err);
      rejectReady(err);
      return;
    }
    started = true;
    window.lakegate.cy = createGraph();
    if (initial) focus(initial, { push: false });
    else loadGraph({}, early).catch(() => false);
  }

  if (typeof cytoscape !== 'undefined' && typeof cytoscapeDagre !== 'undefined') start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
