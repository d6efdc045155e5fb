package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.ShortenedValue;

/**
 * A pid file cannot be written: which file, and why in terms an administrator can act on (a
 * missing directory, one this process may not write, a path that names a directory...).
 */
public class PidFileNotWritableException extends IOException {

	// Enough for any errno text; a message that quotes a whole path is cut.
	private static final int DETAIL_LENGTH = 200;

	private final Path path;

	private final Reason reason;

	private final Path where;

	private final String detail;

	PidFileNotWritableException(Path path, Reason reason, Path where, String detail, @Nullable Throwable cause) {
		super("pid file " + ShortenedValue.of(path) + " cannot be written: " + reason.describe(where) + " (" + detail
				+ ")", cause);
		this.path = path;
		this.reason = reason;
		this.where = where;
		this.detail = detail;
	}

	/**
	 * Explain why a pid file could not be opened, from what the file system holds now.
	 * @param path the pid file
	 * @param failure what opening it threw
	 * @return the explanation
	 */
	static PidFileNotWritableException opening(Path path, IOException failure) {
		Path absolute = path.toAbsolutePath();
		if (Files.isDirectory(absolute)) {
			return new PidFileNotWritableException(path, Reason.IS_A_DIRECTORY, absolute, detail(failure), failure);
		}
		Path directory = absolute.getParent();
		// The nearest ancestor that exists: a missing directory below it, or a file in the way.
		Path existing = directory;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		Reason reason;
		Path where = (directory != null) ? directory : absolute;
		if (existing == null || !(failure instanceof FileSystemException)) {
			reason = Reason.OTHER;
			where = absolute;
		}
		else if (!Files.isDirectory(existing)) {
			reason = Reason.NOT_A_DIRECTORY;
			where = existing;
		}
		else if (!existing.equals(directory) && !(failure instanceof AccessDeniedException)) {
			reason = Reason.MISSING_DIRECTORY;
		}
		else if (Files.exists(absolute)) {
			reason = Reason.FILE_NOT_WRITABLE;
			where = absolute;
		}
		else {
			// Refused (EACCES), or a file system that makes no files (ENOENT in /proc, EROFS), or an ancestor not searchable.
			reason = Reason.DIRECTORY_NOT_WRITABLE;
		}
		return new PidFileNotWritableException(path, reason, where, detail(failure), failure);
	}

	/**
	 * A pid file that was opened but could not be locked, written or checked.
	 * @param path the pid file
	 * @param detail what went wrong
	 * @param failure what was thrown, or {@code null}
	 * @return the explanation
	 */
	static PidFileNotWritableException writing(Path path, String detail, @Nullable IOException failure) {
		return new PidFileNotWritableException(path, Reason.OTHER, path.toAbsolutePath(), detail, failure);
	}

	/**
	 * A pid file that was opened but could not be locked, written or checked.
	 * @param path the pid file
	 * @param failure what was thrown
	 * @return the explanation
	 */
	static PidFileNotWritableException writing(Path path, IOException failure) {
		return writing(path, detail(failure), failure);
	}

	// The system's words without the path, which the message names already.
	private static String detail(IOException failure) {
		if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return ShortenedValue.of(fileSystem.getReason(), DETAIL_LENGTH);
		}
		if (failure instanceof AccessDeniedException) {
			return "Permission denied";
		}
		if (failure instanceof NoSuchFileException) {
			return "No such file or directory";
		}
		return ShortenedValue.of(String.valueOf(failure.getMessage()), DETAIL_LENGTH);
	}

	/** The pid file, as configured. */
	public Path getPath() {
		return this.path;
	}

	/** Why it cannot be written. */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The path the reason is about: the missing directory, the file in the way, the directory this
	 * process may not write, or the pid file itself.
	 */
	public Path getWhere() {
		return this.where;
	}

	/** The system's own words for the failure, for example {@code Permission denied}. */
	public String getDetail() {
		return this.detail;
	}

	/**
	 * Why a pid file cannot be written.
	 */
	public enum Reason {

		/** The directory the file would be in does not exist. */
		MISSING_DIRECTORY("the directory %s does not exist"),

		/** A path on the way to the file is a file, not a directory. */
		NOT_A_DIRECTORY("%s is a file, not a directory"),

		/** The directory exists, and this process may not create a file in it. */
		DIRECTORY_NOT_WRITABLE("this process may not create a file in the directory %s"),

		/** The file exists, and this process may not write it. */
		FILE_NOT_WRITABLE("the file %s exists and this process may not write it"),

		/** The path names a directory. */
		IS_A_DIRECTORY("%s is a directory"),

		/** Anything else: the detail says what. */
		OTHER("writing %s failed");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

		String describe(Path where) {
			return this.description.formatted(ShortenedValue.of(where));
		}

	}

}
