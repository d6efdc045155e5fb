package org.slimta.system.internal.posix;

import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The flags of {@code open(2)}, with their Linux values: one set for the descriptors reopened in
 * this process and the files a child's standard streams are redirected to.
 */
final class OpenFlags {

	private static final int O_WRONLY = 01;

	private static final int O_RDWR = 02;

	private static final int O_CREAT = 0100;

	private static final int O_EXCL = 0200;

	private static final int O_NOCTTY = 0400;

	private static final int O_TRUNC = 01000;

	private static final int O_APPEND = 02000;

	private static final int O_DSYNC = 010000;

	private static final int O_SYNC = 04010000;

	/** Close-on-exec, which {@code pipe2} and {@code socket} (as {@code SOCK_CLOEXEC}) take too. */
	static final int O_CLOEXEC = 02000000;

	/** Written to, appended, created if missing: how a log file is opened. */
	static final int APPEND = O_WRONLY | O_APPEND | O_CREAT;

	/** The mode of a created file, before the umask. */
	static final int CREATED_FILE_MODE = 0666;

	private OpenFlags() {
	}

	/**
	 * The flags that open a file as {@link java.nio.file.Files#newByteChannel} would with these
	 * options, never making it the controlling terminal.
	 * @param options the options
	 * @return the flags
	 */
	static int of(Set<StandardOpenOption> options) {
		boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
		int flags = O_NOCTTY;
		if (write) {
			flags |= options.contains(StandardOpenOption.READ) ? O_RDWR : O_WRONLY;
		}
		flags |= options.contains(StandardOpenOption.APPEND) ? O_APPEND : 0;
		flags |= options.contains(StandardOpenOption.CREATE) ? O_CREAT : 0;
		flags |= options.contains(StandardOpenOption.CREATE_NEW) ? O_CREAT | O_EXCL : 0;
		flags |= options.contains(StandardOpenOption.TRUNCATE_EXISTING) ? O_TRUNC : 0;
		flags |= options.contains(StandardOpenOption.SYNC) ? O_SYNC : 0;
		flags |= options.contains(StandardOpenOption.DSYNC) ? O_DSYNC : 0;
		return flags;
	}

}
