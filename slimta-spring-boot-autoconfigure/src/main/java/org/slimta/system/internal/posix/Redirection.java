package org.slimta.system.internal.posix;

import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a spawned child gets as one of its standard streams (descriptor 0, 1 or 2).
 */
public sealed interface Redirection {

	/**
	 * The parent's own descriptor of the same number.
	 * @return the redirection
	 */
	static Redirection inherit() {
		return Inherit.INSTANCE;
	}

	/**
	 * A file, opened in the child with the given options; a created file gets mode 0666 less the umask.
	 * @param path the file; a relative path is resolved against the parent's working directory
	 * @param options {@link StandardOpenOption}s: {@code READ}, {@code WRITE}, {@code APPEND},
	 * {@code CREATE}, {@code CREATE_NEW}, {@code TRUNCATE_EXISTING}, {@code SYNC}, {@code DSYNC}
	 * @return the redirection
	 */
	static Redirection file(Path path, OpenOption... options) {
		Set<StandardOpenOption> standard = EnumSet.noneOf(StandardOpenOption.class);
		for (OpenOption option : options) {
			if (!(option instanceof StandardOpenOption known)) {
				throw new IllegalArgumentException("unsupported open option: " + option);
			}
			standard.add(known);
		}
		return new File(path.toAbsolutePath(), standard);
	}

	/**
	 * A copy ({@code dup2}) of one of the parent's descriptors, or of a descriptor the child got by
	 * an earlier redirection (descriptor 1 for standard error merged into standard output).
	 * @param fd the descriptor
	 * @return the redirection
	 */
	static Redirection descriptor(int fd) {
		return new Descriptor(fd);
	}

	/** The parent's descriptor of the same number. */
	enum Inherit implements Redirection {

		/** The only instance. */
		INSTANCE

	}

	/**
	 * A file opened in the child.
	 *
	 * @param path the absolute path
	 * @param options how it is opened
	 */
	record File(Path path, Set<StandardOpenOption> options) implements Redirection {

		public File {
			Objects.requireNonNull(path, "path");
			options = Set.copyOf(options);
		}

	}

	/**
	 * A copy of a descriptor.
	 *
	 * @param fd the descriptor
	 */
	record Descriptor(int fd) implements Redirection {

		public Descriptor {
			if (fd < 0) {
				throw new IllegalArgumentException("not a descriptor: " + fd);
			}
		}

	}

}
