/**
 * Exact minimum-cost assignment of rows to columns with column capacities, on a sparse graph:
 * each row takes at most one column, each column at most `capacity[c]` rows, a row left out
 * costs `unassignedCost`. It is the successive-shortest-path method (Hungarian / Jonker–Volgenant
 * family) on the bipartite flow network, with three choices that keep it fast on matching data:
 *
 * - capacities are handled on the column itself (a full column leads to every row it holds),
 *   never by duplicating columns into slots;
 * - only allowed pairs exist as edges (compressed rows), so incompatible pairs cost nothing;
 * - a row read a second time is sorted by cost (in a private copy, radix for small whole costs),
 *   and from then on a search reads it only up to the first edge that cannot beat the best end
 *   found so far — column potentials are ≤ 0, so a reduced cost is never below the raw cost; a
 *   row's first read looks for the cheapest free column before queuing anything;
 * - each search is a Dijkstra over reduced costs that stops at the first free column and never
 *   queues a column that cannot beat the best free one found so far.
 *
 * Dual potentials keep every reduced cost ≥ 0 and every used edge at 0, which proves the result
 * optimal; all arithmetic is on whole numbers held in doubles, so it is exact. Deterministic:
 * rows are processed in order and ties resolved by the first path found.
 */

export interface AssignmentProblem {
  rows: number;
  cols: number;
  /** Places per column (≥ 0). */
  capacity: Int32Array;
  /** Edges of row r are `rowStart[r]` to `rowStart[r + 1] − 1`, in any order (ascending cost is used as is). */
  rowStart: Int32Array;
  /**
   * When given, edges of row r end at `rowEnd[r] − 1` instead, and rows may share their edges:
   * the places of one mentor are identical rows over one list.
   */
  rowEnd?: Int32Array;
  edgeCol: Int32Array;
  /** Whole, non-negative costs. */
  edgeCost: Int32Array | Float64Array;
  /** Cost of leaving a row without a column (whole, non-negative). */
  unassignedCost: number;
}

export interface AssignmentSolution {
  /** Column of each row, −1 when left unassigned. */
  colOfRow: Int32Array;
  /** Index of the edge used by each row, −1 when unassigned. */
  edgeOfRow: Int32Array;
  cost: number;
}

/** Binary min-heap of (key, column) with lazy deletion, on growable typed arrays. */
class Heap {
  keys = new Float64Array(1024);
  vals = new Int32Array(1024);
  size = 0;
  clear() {
    this.size = 0;
  }
  push(key: number, val: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const vals = new Int32Array(this.size * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    const { keys, vals } = this;
    let k = this.size++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[k] = keys[p]!;
      vals[k] = vals[p]!;
      k = p;
    }
    keys[k] = key;
    vals[k] = val;
  }
  /** Removes the minimum; read `topKey`/`topVal` first. */
  pop() {
    const { keys, vals } = this;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n]!;
    const val = vals[n]!;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
      if (keys[c]! >= key) break;
      keys[k] = keys[c]!;
      vals[k] = vals[c]!;
      k = c;
    }
    keys[k] = key;
    vals[k] = val;
  }
}

/** True when every row's edges come by ascending cost. */
function rowsSorted(p: AssignmentProblem, rowEnd: Int32Array): boolean {
  const { rows, rowStart, edgeCost } = p;
  for (let r = 0; r < rows; r++) {
    for (let e = rowStart[r]! + 1, end = rowEnd[r]!; e < end; e++) if (edgeCost[e]! < edgeCost[e - 1]!) return false;
  }
  return true;
}

export function solveAssignment(p: AssignmentProblem): AssignmentSolution {
  const { rows, cols, capacity, rowStart, unassignedCost } = p;
  const rowEnd = p.rowEnd ?? rowStart.subarray(1);

  // Rows are read best edge first once sorted. Sorted input is read in place; otherwise a row
  // read a second time gets a sorted copy (the first read, the row's own search, is a plain
  // pass): rows read once — most of them on real data — are never sorted nor copied.
  const presorted = rowsSorted(p, rowEnd);
  const inCol = p.edgeCol;
  const inCost = p.edgeCost;
  const readOnce = new Uint8Array(rows);
  /** Start of each row's sorted copy in `sortedCol`/`sortedCost`/`sortedEdge`, −1 if none. */
  const copyStart = new Int32Array(rows).fill(-1);
  /** Rows sharing their edges share one sorted copy: edge list start → copy start. */
  const copyOfList = new Map<number, number>();
  let sortedCol = new Int32Array(presorted ? 0 : 1024);
  let sortedCost: Int32Array | Float64Array = inCost instanceof Int32Array ? new Int32Array(presorted ? 0 : 1024) : new Float64Array(presorted ? 0 : 1024);
  let sortedEdge = new Int32Array(presorted ? 0 : 1024);
  let copied = 0;
  const count = new Int32Array(257);
  let orderA = new Int32Array(0);
  let orderB = new Int32Array(0);

  /** A sorted copy of one row, by ascending cost, stable (radix for small whole costs). */
  function sortRow(r: number) {
    const start = rowStart[r]!;
    const len = rowEnd[r]! - start;
    if (len === 0) {
      copyStart[r] = 0; // nothing to read
      return;
    }
    const shared = copyOfList.get(start);
    if (shared !== undefined) {
      copyStart[r] = shared;
      return;
    }
    copyOfList.set(start, copied);
    if (copied + len > sortedCol.length) {
      const size = Math.min(inCol.length, Math.max(copied + len, sortedCol.length * 2));
      const col = new Int32Array(size);
      col.set(sortedCol.subarray(0, copied));
      sortedCol = col;
      const cost = sortedCost instanceof Int32Array ? new Int32Array(size) : new Float64Array(size);
      cost.set(sortedCost.subarray(0, copied));
      sortedCost = cost;
      const edge = new Int32Array(size);
      edge.set(sortedEdge.subarray(0, copied));
      sortedEdge = edge;
    }
    if (orderA.length < len) {
      orderA = new Int32Array(len);
      orderB = new Int32Array(len);
    }
    let small = true;
    for (let k = 0; k < len && small; k++) {
      const c = inCost[start + k]!;
      small = c >= 0 && c <= 0xffff && c === Math.floor(c);
    }
    if (small) {
      count.fill(0);
      for (let k = 0; k < len; k++) count[(inCost[start + k]! & 0xff) + 1]!++;
      for (let b = 1; b < 257; b++) count[b]! += count[b - 1]!;
      for (let k = 0; k < len; k++) orderA[count[inCost[start + k]! & 0xff]!++] = k;
      count.fill(0);
      for (let k = 0; k < len; k++) count[(inCost[start + orderA[k]!]! >>> 8) + 1]!++;
      for (let b = 1; b < 257; b++) count[b]! += count[b - 1]!;
      for (let k = 0; k < len; k++) {
        const j = orderA[k]!;
        orderB[count[inCost[start + j]! >>> 8]!++] = j;
      }
    } else {
      const ids = Array.from({ length: len }, (_, k) => k);
      ids.sort((a, b) => inCost[start + a]! - inCost[start + b]! || a - b);
      orderB.set(ids);
    }
    copyStart[r] = copied;
    for (let k = 0; k < len; k++) {
      const e = start + orderB[k]!;
      sortedCol[copied + k] = inCol[e]!;
      sortedCost[copied + k] = inCost[e]!;
      sortedEdge[copied + k] = e;
    }
    copied += len;
  }

  // Rows held by each column, in a flat array: column c owns slots slotStart[c] .. + capacity[c].
  const slotStart = new Int32Array(cols + 1);
  for (let c = 0; c < cols; c++) slotStart[c + 1] = slotStart[c]! + Math.max(0, capacity[c]!);
  const slots = new Int32Array(slotStart[cols]!);
  const load = new Int32Array(cols);
  /** 1 when a column has no free place left. */
  const full = new Uint8Array(cols);
  for (let c = 0; c < cols; c++) full[c] = capacity[c]! <= 0 ? 1 : 0;

  const u = new Float64Array(rows); // row potentials
  const v = new Float64Array(cols); // column potentials (0 while a column has a free place)
  const colOfRow = new Int32Array(rows).fill(-1);
  const edgeOfRow = new Int32Array(rows).fill(-1); // in the caller's numbering

  // Search state, reset through the `touched` lists after each row.
  const dist = new Float64Array(cols).fill(Infinity);
  const done = new Uint8Array(cols);
  const prevRow = new Int32Array(cols); // row from which a column was reached
  const prevEdge = new Int32Array(cols); // and by which edge (caller's numbering)
  const viaCol = new Int32Array(rows); // column through which a row was reached
  const rowDist = new Float64Array(rows);
  const touched = new Int32Array(cols);
  const treeRows = new Int32Array(rows);
  const pendingRows = new Int32Array(rows);
  const heap = new Heap();

  for (let r0 = 0; r0 < rows; r0++) {
    let touchedCount = 0;
    let treeCount = 0;
    heap.clear();
    // Best end found so far: a free column, or leaving `bestRow` unassigned (bestCol = −1).
    let best = unassignedCost - u[r0]!;
    let bestCol = -1;
    let bestRow = r0;
    let bestEdge = -1;

    let pending = 0;
    pendingRows[pending++] = r0;
    rowDist[r0] = 0;
    viaCol[r0] = -1;
    for (;;) {
      while (pending > 0) {
        const r = pendingRows[--pending]!;
        treeRows[treeCount++] = r;
        const base = rowDist[r]! - u[r]!;
        if (r !== r0) {
          const leave = base + unassignedCost;
          if (leave < best) {
            best = leave;
            bestCol = -1;
            bestRow = r;
            bestEdge = -1;
          }
        }
        if (!presorted && readOnce[r] === 1 && copyStart[r]! < 0) sortRow(r);
        readOnce[r] = 1;
        if (presorted || copyStart[r]! >= 0) {
          // Sorted: read up to the first edge that cannot beat the best end (potentials are ≤ 0).
          const cols_ = presorted ? inCol : sortedCol;
          const costs = presorted ? inCost : sortedCost;
          const start = presorted ? rowStart[r]! : copyStart[r]!;
          const end = start + rowEnd[r]! - rowStart[r]!;
          for (let e = start; e < end; e++) {
            const cost = base + costs[e]!;
            if (cost >= best) break;
            const c = cols_[e]!;
            if (done[c] === 1) continue;
            const nd = cost - v[c]!;
            if (nd >= best || nd >= dist[c]!) continue;
            const edge = presorted ? e : sortedEdge[e]!;
            if (full[c] === 0) {
              best = nd;
              bestCol = c;
              bestRow = r;
              bestEdge = edge;
              continue;
            }
            if (dist[c] === Infinity) touched[touchedCount++] = c;
            dist[c] = nd;
            prevRow[c] = r;
            prevEdge[c] = edge;
            heap.push(nd, c);
          }
        } else {
          // Unsorted row, first read: the cheapest free column first (reads only), then queue
          // the full columns that could still lead to something cheaper — usually none.
          const start = rowStart[r]!;
          const end = rowEnd[r]!;
          let cheapestFull = Infinity;
          for (let e = start; e < end; e++) {
            const c = inCol[e]!;
            if (full[c] === 0) {
              const nd = base + inCost[e]!; // a column with a free place has potential 0
              if (nd < best) {
                best = nd;
                bestCol = c;
                bestRow = r;
                bestEdge = e;
              }
            } else {
              const nd = base + inCost[e]! - v[c]!;
              if (nd < cheapestFull && done[c] === 0) cheapestFull = nd;
            }
          }
          if (cheapestFull < best) {
            for (let e = start; e < end; e++) {
              const c = inCol[e]!;
              if (full[c] === 0 || done[c] === 1) continue;
              const nd = base + inCost[e]! - v[c]!;
              if (nd >= best || nd >= dist[c]!) continue;
              if (dist[c] === Infinity) touched[touchedCount++] = c;
              dist[c] = nd;
              prevRow[c] = r;
              prevEdge[c] = e;
              heap.push(nd, c);
            }
          }
        }
      }
      // Next column to settle: the closest full column that can still lead somewhere better.
      let next = -1;
      while (heap.size > 0) {
        const key = heap.keys[0]!;
        const c = heap.vals[0]!;
        if (key >= best) break;
        heap.pop();
        if (done[c] === 1 || key !== dist[c]) continue;
        next = c;
        break;
      }
      if (next < 0) break;
      done[next] = 1;
      // Every row a full column holds is reached at the same distance (their edges are tight).
      for (let k = slotStart[next]!, end = k + load[next]!; k < end; k++) {
        const rr = slots[k]!;
        viaCol[rr] = next;
        rowDist[rr] = dist[next]!;
        pendingRows[pending++] = rr;
      }
    }

    // Update potentials so that reduced costs stay ≥ 0 and the new path is tight.
    const D = best;
    for (let k = 0; k < treeCount; k++) {
      const rr = treeRows[k]!;
      u[rr] = u[rr]! + (D - rowDist[rr]!);
    }
    for (let k = 0; k < touchedCount; k++) {
      const c = touched[k]!;
      if (done[c] === 1) v[c] = v[c]! - (D - dist[c]!);
    }

    // Augment along the path, from its end back to r0.
    let target = bestCol;
    let targetEdge = bestEdge;
    let row = bestRow;
    // A path visits each row of the search tree once; more steps would mean broken bookkeeping,
    // which must fail loudly rather than loop for ever.
    for (let steps = 0; ; steps++) {
      if (steps > treeCount) throw new Error('Assignment solver: augmenting path longer than its search tree');
      const from = viaCol[row]!;
      if (colOfRow[row]! >= 0) removeFrom(colOfRow[row]!, row);
      if (target >= 0) {
        slots[slotStart[target]! + load[target]!] = row;
        load[target]!++;
        if (load[target]! >= capacity[target]!) full[target] = 1;
      }
      colOfRow[row] = target;
      edgeOfRow[row] = targetEdge;
      if (row === r0) break;
      target = from;
      targetEdge = prevEdge[from]!;
      row = prevRow[from]!;
    }

    for (let k = 0; k < touchedCount; k++) {
      const c = touched[k]!;
      dist[c] = Infinity;
      done[c] = 0;
    }
  }

  let cost = 0;
  for (let r = 0; r < rows; r++) cost += edgeOfRow[r]! >= 0 ? inCost[edgeOfRow[r]!]! : unassignedCost;
  return { colOfRow, edgeOfRow, cost };

  function removeFrom(c: number, row: number) {
    const start = slotStart[c]!;
    const last = start + load[c]! - 1;
    for (let k = start; k <= last; k++) {
      if (slots[k] === row) {
        slots[k] = slots[last]!;
        load[c]!--;
        full[c] = 0;
        return;
      }
    }
  }
}

/**
 * The same optimum, searched from whichever side is scarcer. Each search adds one row; when
 * rows outnumber the columns' places (more mentees than free places, as in most programmes),
 * the last searches must prove that nothing is left for them, which costs ever longer paths.
 * Searching from the places instead — one row per place, all of a column's places sharing its
 * edge list — finds a free partner almost at once. Both problems have the same feasible
 * assignments and, with the same cost for leaving anyone out, costs that differ by a constant
 * (`unassignedCost` × the difference in sizes), hence the same optimum. Answers in `p`'s terms.
 */
export function solveFromScarcerSide(p: AssignmentProblem): AssignmentSolution {
  const { rows, cols, capacity, rowStart } = p;
  const rowEnd = p.rowEnd ?? rowStart.subarray(1);
  let places = 0;
  for (let c = 0; c < cols; c++) places += Math.max(0, capacity[c]!);
  if (places >= rows) return solveAssignment(p);

  // Column-major copy of the edges: for each column, its rows in row order.
  const listStart = new Int32Array(cols + 1);
  for (let r = 0; r < rows; r++) for (let e = rowStart[r]!; e < rowEnd[r]!; e++) listStart[p.edgeCol[e]! + 1]!++;
  for (let c = 0; c < cols; c++) listStart[c + 1]! += listStart[c]!;
  const edges = listStart[cols]!;
  const next = listStart.slice(0, cols);
  const rowOf = new Int32Array(edges);
  const cost = p.edgeCost instanceof Int32Array ? new Int32Array(edges) : new Float64Array(edges);
  const original = new Int32Array(edges);
  for (let r = 0; r < rows; r++) {
    for (let e = rowStart[r]!; e < rowEnd[r]!; e++) {
      const k = next[p.edgeCol[e]!]!++;
      rowOf[k] = r;
      cost[k] = p.edgeCost[e]!;
      original[k] = e;
    }
  }
  // One row per place, sharing its column's list.
  const placeStart = new Int32Array(places);
  const placeEnd = new Int32Array(places);
  const columnOfPlace = new Int32Array(places);
  for (let c = 0, k = 0; c < cols; c++) {
    for (let n = 0; n < capacity[c]!; n++, k++) {
      placeStart[k] = listStart[c]!;
      placeEnd[k] = listStart[c + 1]!;
      columnOfPlace[k] = c;
    }
  }
  const transposed = solveAssignment({
    rows: places,
    cols: rows,
    capacity: new Int32Array(rows).fill(1),
    rowStart: placeStart,
    rowEnd: placeEnd,
    edgeCol: rowOf,
    edgeCost: cost,
    unassignedCost: p.unassignedCost,
  });
  const colOfRow = new Int32Array(rows).fill(-1);
  const edgeOfRow = new Int32Array(rows).fill(-1);
  let total = 0;
  for (let k = 0; k < places; k++) {
    const r = transposed.colOfRow[k]!;
    if (r < 0) continue;
    colOfRow[r] = columnOfPlace[k]!;
    edgeOfRow[r] = original[transposed.edgeOfRow[k]!]!;
  }
  for (let r = 0; r < rows; r++) total += edgeOfRow[r]! >= 0 ? p.edgeCost[edgeOfRow[r]!]! : p.unassignedCost;
  return { colOfRow, edgeOfRow, cost: total };
}
