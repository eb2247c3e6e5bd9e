package io.scorescope.lid;

import io.scorescope.math.Mat;

/**
 * Exact k nearest neighbours (Euclidean) by brute force with a partial sort: for each query a bounded max-heap of
 * size k over all n rows. Cost O(m n D) distance work plus O(m n log k) heap work for m queries, memory O(m k).
 * Exact, deterministic (ties broken by the smaller row index) and, for the n <= ~10^4 of the benchmark, faster than
 * building a tree in high dimension, where KD/ball trees degrade to the same linear scan.
 * A query never returns its own row; duplicates of it (distance 0) are returned like any other row.
 */
public final class Knn {
    private Knn() {}

    /**
     * Neighbours of each query, ascending by distance.
     *
     * @param index index[q][j] = row of the (j+1)-th nearest neighbour of query q
     * @param dist  dist[q][j] = its Euclidean distance
     */
    public record Neighbours(int[][] index, double[][] dist) {
        public int k() { return index.length == 0 ? 0 : index[0].length; }
    }

    /** The k nearest rows of data to each data row queries[q], excluding row queries[q] itself. */
    public static Neighbours of(Mat data, int[] queries, int k) {
        int n = data.rows();
        if (k < 1 || k > n - 1) throw new IllegalArgumentException("k = " + k + " needs 1 <= k <= n - 1 = " + (n - 1));
        int[][] idx = new int[queries.length][];
        double[][] dst = new double[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            Heap h = new Heap(k);
            double[] x = data.row(queries[q]);
            for (int i = 0; i < n; i++) if (i != queries[q]) h.offer(i, dist2(data, i, x, h.bound()));
            h.sortAscending();
            idx[q] = h.index;
            dst[q] = new double[k];
            for (int j = 0; j < k; j++) dst[q][j] = Math.sqrt(h.key[j]);
        }
        return new Neighbours(idx, dst);
    }

    /** Squared distance of row i to x, stopping early (returning a value >= bound) once it exceeds bound. */
    private static double dist2(Mat data, int i, double[] x, double bound) {
        double[] a = data.data();
        int off = i * x.length;
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double d = a[off + j] - x[j];
            s += d * d;
            if (s > bound) return s;
        }
        return s;
    }

    /** A max-heap on (key, index) of fixed capacity: keeps the k smallest keys seen. */
    private static final class Heap {
        final double[] key;
        final int[] index;
        int size;

        Heap(int k) { key = new double[k]; index = new int[k]; }

        double bound() { return size < key.length ? Double.POSITIVE_INFINITY : key[0]; }

        /** (a, ia) ranks after (b, ib): larger distance, or equal distance and larger index. */
        private static boolean after(double a, int ia, double b, int ib) { return a > b || (a == b && ia > ib); }

        void offer(int i, double d) {
            if (size < key.length) {
                int c = size++;
                key[c] = d; index[c] = i;
                while (c > 0) {
                    int p = (c - 1) / 2;
                    if (!after(key[c], index[c], key[p], index[p])) break;
                    swap(c, p);
                    c = p;
                }
            } else if (after(key[0], index[0], d, i)) {
                key[0] = d; index[0] = i;
                siftDown(0, size);
            }
        }

        private void siftDown(int c, int end) {
            while (true) {
                int l = 2 * c + 1, r = l + 1, m = c;
                if (l < end && after(key[l], index[l], key[m], index[m])) m = l;
                if (r < end && after(key[r], index[r], key[m], index[m])) m = r;
                if (m == c) return;
                swap(c, m);
                c = m;
            }
        }

        /** Heap sort in place: ascending by (key, index). */
        void sortAscending() {
            for (int end = size - 1; end > 0; end--) {
                swap(0, end);
                siftDown(0, end);
            }
        }

        private void swap(int a, int b) {
            double t = key[a]; key[a] = key[b]; key[b] = t;
            int u = index[a]; index[a] = index[b]; index[b] = u;
        }
    }
}
