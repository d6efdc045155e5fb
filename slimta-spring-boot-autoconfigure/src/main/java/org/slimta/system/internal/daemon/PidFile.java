package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A pid file written by the process whose pid it holds and locked ({@code fcntl}, through
 * {@link FileChannel#tryLock()}) for as long as it is open, so that a second instance with the
 * same pid file is refused. A file left behind by a process that is gone (so no longer locked) is
 * taken over. Closing it removes the file; the kernel drops the lock when the process ends in any
 * other way.
 * <p>
 * Unlike Spring Boot's {@code ApplicationPidFileWriter}, it locks the file. The file can be
 * removed after a privilege drop only if the directory it lives in is writable by the new user.
 */
public final class PidFile implements AutoCloseable {

	private static final int ATTEMPTS = 10;

	// The files this process holds: fcntl locks cannot tell two holders in one process apart.
	private static final Set<Object> HELD = new HashSet<>();

	private final Path path;

	private final long pid;

	private final OptionalLong stalePid;

	private final FileChannel channel;

	private final Object fileKey;

	private PidFile(Path path, long pid, OptionalLong stalePid, FileChannel channel, Object fileKey) {
		this.path = path;
		this.pid = pid;
		this.stalePid = stalePid;
		this.channel = channel;
		this.fileKey = fileKey;
	}

	/**
	 * Write and lock a pid file holding this process's pid.
	 * @param path the file
	 * @return the locked pid file; close it to remove it
	 * @throws PidFileLockedException if another process (or this one) holds the file
	 * @throws PidFileNotWritableException if the file cannot be written, and why
	 */
	public static PidFile create(Path path) throws IOException {
		long pid = ProcessHandle.current().pid();
		synchronized (HELD) {
			for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
				PidFile pidFile = tryCreate(path, pid);
				if (pidFile != null) {
					HELD.add(pidFile.fileKey);
					return pidFile;
				}
			}
		}
		throw PidFileNotWritableException.writing(path, "other processes kept replacing it while it was written", null);
	}

	// null: the file was removed or replaced between opening and locking it; try again
	private static @Nullable PidFile tryCreate(Path path, long pid) throws IOException {
		Object existing;
		try {
			existing = fileKey(path);
		}
		catch (IOException ex) {
			throw PidFileNotWritableException.opening(path, ex);
		}
		if (existing != null && HELD.contains(existing)) {
			// not even opened: closing a second descriptor of the file would drop this process's lock
			throw new PidFileLockedException(path, OptionalLong.of(pid));
		}
		FileChannel channel;
		try {
			channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw PidFileNotWritableException.opening(path, ex);
		}
		FileLock lock = null;
		try {
			lock = lock(channel, path, pid);
			OptionalLong stalePid = parsePid(read(channel));
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
			channel.force(true);
			// the holder may have removed the file after we opened it: then we locked a file nobody sees
			Object fileKey = fileKey(path);
			if (fileKey == null || !isOpenHere(fileKey)) {
				lock.release();
				channel.close();
				return null;
			}
			return new PidFile(path, pid, stalePid, channel, fileKey);
		}
		catch (PidFileLockedException ex) {
			channel.close();
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// A file this attempt made is not left behind.
			if (lock != null && existing == null) {
				removeIfStillNamed(path);
			}
			channel.close();
			if (ex instanceof IOException failure) {
				throw PidFileNotWritableException.writing(path, failure);
			}
			throw ex;
		}
	}

	// Only while this process holds the lock, so no other process can have taken the file over.
	private static void removeIfStillNamed(Path path) {
		try {
			Object fileKey = fileKey(path);
			if (fileKey != null && !HELD.contains(fileKey) && isOpenHere(fileKey)) {
				Files.delete(path);
			}
		}
		catch (IOException | RuntimeException ex) {
			// Left behind, unlocked: the next start takes it over.
		}
	}

	private static @Nullable Object fileKey(Path path) throws IOException {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	// Whether a descriptor of this process refers to the file: stat through /proc/self/fd opens nothing.
	private static boolean isOpenHere(Object fileKey) throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.anyMatch((descriptor) -> {
				try {
					return fileKey.equals(Files.readAttributes(descriptor, BasicFileAttributes.class).fileKey());
				}
				catch (IOException ex) {
					return false;
				}
			});
		}
	}

	private static FileLock lock(FileChannel channel, Path path, long pid) throws IOException {
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// held through another path (a hard link) by this process
			throw new PidFileLockedException(path, OptionalLong.of(pid));
		}
		if (lock == null) {
			throw new PidFileLockedException(path, parsePid(read(channel)));
		}
		return lock;
	}

	private static String read(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(64);
		int read = channel.read(buffer, 0);
		return (read > 0) ? new String(buffer.array(), 0, read, StandardCharsets.US_ASCII) : "";
	}

	static OptionalLong parsePid(String content) {
		String trimmed = content.trim();
		if (!trimmed.matches("[0-9]{1,18}")) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(Long.parseLong(trimmed));
	}

	/** The file. */
	public Path path() {
		return this.path;
	}

	/** The pid it holds: this process's. */
	public long pid() {
		return this.pid;
	}

	/** The pid found in the file when it was taken over from a process that is gone. */
	public OptionalLong stalePid() {
		return this.stalePid;
	}

	/**
	 * Give the file to another user and group, so that it stays theirs after a privilege drop.
	 * @param uid the user id
	 * @param gid the group id
	 * @throws IOException if the owner cannot be changed (only root may give a file away)
	 */
	public void changeOwner(int uid, int gid) throws IOException {
		Files.setAttribute(this.path, "unix:uid", uid);
		Files.setAttribute(this.path, "unix:gid", gid);
	}

	/**
	 * Remove the file, if the path still names the file this process locked, and release the lock.
	 * @throws IOException if the file cannot be removed
	 */
	@Override
	public void close() throws IOException {
		synchronized (HELD) {
			if (!this.channel.isOpen()) {
				return;
			}
			try {
				// removed while still locked, so no other process can have taken it over meanwhile
				if (this.fileKey.equals(fileKey(this.path))) {
					Files.delete(this.path);
				}
			}
			finally {
				this.channel.close();
				HELD.remove(this.fileKey);
			}
		}
	}

	@Override
	public String toString() {
		return "pid file " + this.path + " (pid " + this.pid + ")";
	}

}
