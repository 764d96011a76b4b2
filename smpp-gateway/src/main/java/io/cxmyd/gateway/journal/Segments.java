package io.cxmyd.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The segment files of one journal folder: {@code segment-<index>.jnl}, written in index order, the last one
 * open for appending. Files are 0600 and the folder 0700: they hold subscribers' numbers in clear (a reply
 * after a crash needs them). Only the journal's writer thread calls the writing methods.
 */
final class Segments implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("segment-(\\d{16})\\.jnl");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    /** A segment read back at start: its index and what it holds. */
    record Existing(long index, Path path, JournalCodec.Scan scan) {
    }

    private final Path dir;
    private final FileChannel lockFile;
    private FileChannel active;
    private long activeIndex;
    private long activeSize;

    private Segments(Path dir, FileChannel lockFile) {
        this.dir = dir;
        this.lockFile = lockFile;
    }

    static Segments open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, DIR_MODE);
            }
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("journal folder " + dir + " is not writable");
        }
        // Two gateways on one folder would interleave their records: the second one must not start. The OS
        // drops the lock when the process dies, kill -9 included.
        Path lockPath = dir.resolve("lock");
        FileChannel lock = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (posix(lockPath)) {
            Files.setPosixFilePermissions(lockPath, FILE_MODE);
        }
        boolean locked;
        try {
            locked = lock.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            locked = false; // held by this very JVM
        }
        if (!locked) {
            lock.close();
            throw new IOException("journal folder " + dir + " is in use by another gateway");
        }
        return new Segments(dir, lock);
    }

    /**
     * Reads every segment in index order. The good prefix of each is kept; a segment's bad tail (a write cut
     * short by a crash) is cut off so the next reading agrees with this one.
     */
    List<Existing> readAll() throws IOException {
        List<Existing> out = new ArrayList<>();
        for (Path p : list()) {
            long index = indexOf(p);
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(p));
            JournalCodec.Scan scan = JournalCodec.scan(bytes);
            if (!scan.clean()) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.truncate(scan.validBytes());
                    ch.force(true);
                }
            }
            out.add(new Existing(index, p, scan));
            activeIndex = Math.max(activeIndex, index);
        }
        return out;
    }

    /** Starts the next segment file; the previous one stays, closed, until {@link #delete}. */
    long roll() throws IOException {
        closeActive();
        long index = activeIndex + 1;
        Path p = path(index);
        try {
            active = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("journal segment " + p + " exists already: is a second gateway using " + dir + "?");
        }
        if (posix(p)) {
            Files.setPosixFilePermissions(p, FILE_MODE);
        }
        activeIndex = index;
        activeSize = 0;
        syncDir();
        return index;
    }

    boolean hasActive() {
        return active != null;
    }

    long activeIndex() {
        return activeIndex;
    }

    long activeSize() {
        return activeSize;
    }

    /** Writes the buffers at the end of the active segment and forces them to the disk. */
    void append(ByteBuffer[] buffers) throws IOException {
        long total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        long written = 0;
        while (written < total) {
            written += active.write(buffers);
        }
        // Data only: the file's size is in its metadata, but a torn tail is detected and cut on the next start.
        active.force(false);
        activeSize += total;
    }

    /** After a failed write: drop the active file (its tail may be torn) so the next write starts a fresh one. */
    void abandonActive() {
        try {
            closeActive();
        } catch (IOException ignored) {
            // Closing a channel that failed to write: nothing more to lose.
        }
    }

    void delete(long index) throws IOException {
        Files.deleteIfExists(path(index));
    }

    private void closeActive() throws IOException {
        if (active != null) {
            FileChannel ch = active;
            active = null;
            ch.close();
        }
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private Path path(long index) {
        return dir.resolve("segment-%016d.jnl".formatted(index));
    }

    private static long indexOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a segment: " + p.getFileName());
        }
        return Long.parseLong(m.group(1));
    }

    /** A new file's name is only durable once its folder is forced too. */
    private void syncDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a folder: the file's own fsync is then all there is.
        }
    }

    private static boolean posix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }

    @Override
    public void close() throws IOException {
        try {
            closeActive();
        } finally {
            lockFile.close();
        }
    }
}
