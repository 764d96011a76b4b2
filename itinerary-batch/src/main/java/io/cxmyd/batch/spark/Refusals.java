package io.cxmyd.batch.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns the first refused row (file, byte offset) into the local source's {@code file:line: reason}. Lines
 * are counted only here, once, for the one row reported: counting them for every row would need the
 * whole file read in order, which is what splitting it across machines avoids.
 */
final class Refusals {

    private Refusals() {
    }

    /** The message for a refusal; CSV files by line, Parquet files by row id. */
    static String message(FileSystem fs, Path dir, String file, long offset, long other, String reason)
            throws IOException {
        if (file.endsWith(".parquet")) {
            return file + ": row " + offset + ": " + reason;
        }
        Path path = new Path(dir, file);
        String text = file + ":" + lineAt(fs, path, offset) + ": " + reason;
        if (other >= 0) {
            text += " (first on line " + lineAt(fs, path, other) + ")";
        }
        return text;
    }

    /** The 1-based line number of the line starting at byte {@code offset}. */
    static long lineAt(FileSystem fs, Path path, long offset) throws IOException {
        try (InputStream in = new BufferedInputStream(fs.open(path), 1 << 16)) {
            return lineAt(in, offset);
        }
    }

    static long lineAt(InputStream in, long offset) throws IOException {
        long line = 1;
        byte[] buf = new byte[1 << 16];
        long read = 0;
        while (read < offset) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, offset - read));
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line++;
                }
            }
            read += n;
        }
        return line;
    }
}
