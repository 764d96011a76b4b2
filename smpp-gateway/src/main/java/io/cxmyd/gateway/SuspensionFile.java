package io.cxmyd.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The carriers suspended through the admin view, one id a line, so that a suspension outlives a restart: an
 * operator who suspended a misbehaving carrier must not find it taking queries again after a deploy. Written
 * whole to a temporary file and moved into place, so a crash leaves the old list or the new one.
 */
final class SuspensionFile {

    private final Path file;

    SuspensionFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The ids in the file; none when there is no file yet. */
    Set<String> read() {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            Set<String> ids = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    ids.add(line.strip());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("admin.stateFile: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Collection<String> ids) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".suspended-", ".tmp");
            Files.writeString(tmp, ids.isEmpty() ? "" : String.join("\n", ids) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("admin.stateFile: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
