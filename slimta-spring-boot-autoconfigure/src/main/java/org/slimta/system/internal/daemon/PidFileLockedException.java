package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Another process, or this one, holds the lock on a pid file: another instance is running.
 */
public class PidFileLockedException extends IOException {

	private final Path path;

	private final OptionalLong holderPid;

	PidFileLockedException(Path path, OptionalLong holderPid) {
		super("pid file " + path + " is locked by "
				+ (holderPid.isPresent() ? "process " + holderPid.getAsLong() : "another process")
				+ ": another instance is running");
		this.path = path;
		this.holderPid = holderPid;
	}

	/** The pid file. */
	public Path getPath() {
		return this.path;
	}

	/** The pid the file holds, if it holds one. */
	public OptionalLong getHolderPid() {
		return this.holderPid;
	}

}
