package org.slimta.system.internal.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Why jffi, under jnr, could not load its native stub, told in one line: jffi unpacks the stub
 * into {@code jffi.extract.dir}, or else {@code java.io.tmpdir} and then the working directory, and
 * loads it from there, which needs a writable directory on a mount without {@code noexec}. jffi's
 * own message carries a stack trace and names neither mount.
 */
final class JffiStub {

	static final String EXTRACT_DIR_PROPERTY = "jffi.extract.dir";

	static final String REMEDY = "start the JVM with -D" + EXTRACT_DIR_PROPERTY
			+ "=<a writable directory on a mount without noexec>, or with such a directory as -Djava.io.tmpdir";

	private JffiStub() {
	}

	/**
	 * Explain a failure to load jffi.
	 * @param failure what jffi threw
	 * @param mountInfo the lines of {@code /proc/self/mountinfo}
	 * @return the explanation, with the remedy
	 */
	static PosixUnavailableException unavailable(Throwable failure, List<String> mountInfo) {
		List<String> problems = new ArrayList<>();
		String extractDir = System.getProperty(EXTRACT_DIR_PROPERTY);
		if (extractDir != null && !extractDir.isBlank()) {
			describe(EXTRACT_DIR_PROPERTY, Path.of(extractDir), mountInfo, problems);
		}
		else {
			describe("java.io.tmpdir", Path.of(System.getProperty("java.io.tmpdir", "/tmp")), mountInfo, problems);
			describe("the working directory", Path.of(System.getProperty("user.dir", ".")), mountInfo, problems);
			// jffi falls back to the working directory: one usable directory was enough.
			if (problems.size() < 2) {
				problems.clear();
			}
		}
		if (problems.isEmpty()) {
			String message = firstLine(failure);
			return new PosixUnavailableException("jnr failed to bind libc: " + message,
					message.contains("stub") ? REMEDY : null, failure);
		}
		return new PosixUnavailableException("jffi cannot unpack its native stub: " + String.join(" and ", problems),
				REMEDY, failure);
	}

	static PosixUnavailableException unavailable(Throwable failure) {
		return unavailable(failure, mountInfo());
	}

	private static void describe(String name, Path directory, List<String> mountInfo, List<String> problems) {
		Path real;
		try {
			real = directory.toRealPath();
		}
		catch (IOException ex) {
			problems.add(name + " " + directory + " does not exist");
			return;
		}
		String[] options = mountOptions(real, mountInfo);
		boolean noexec = contains(options, "noexec");
		boolean readOnly = contains(options, "ro") || !Files.isWritable(real);
		if (noexec && readOnly) {
			problems.add(name + " " + real + " is on a read-only noexec mount");
		}
		else if (noexec) {
			problems.add(name + " " + real + " is on a noexec mount");
		}
		else if (readOnly) {
			problems.add(name + " " + real + " is read-only");
		}
	}

	/**
	 * The per-mount options of the mount that holds a path, from {@code /proc/self/mountinfo}:
	 * {@code id parent major:minor root mount-point options ...}; the last such mount wins, as
	 * the kernel stacks them.
	 */
	static String[] mountOptions(Path path, List<String> mountInfo) {
		String best = null;
		String[] bestOptions = new String[0];
		for (String line : mountInfo) {
			String[] fields = line.split(" ");
			if (fields.length < 6) {
				continue;
			}
			String mountPoint = unescape(fields[4]);
			if (path.startsWith(mountPoint) && (best == null || mountPoint.length() >= best.length())) {
				best = mountPoint;
				bestOptions = fields[5].split(",");
			}
		}
		return bestOptions;
	}

	// mountinfo writes space, tab, newline and backslash as \040, \011, \012, \134.
	private static String unescape(String field) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && i + 3 < field.length()) {
				text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	private static boolean contains(String[] options, String option) {
		for (String candidate : options) {
			if (candidate.equals(option)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> mountInfo() {
		try {
			return Files.readAllLines(Path.of("/proc/self/mountinfo"));
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private static String firstLine(@Nullable Throwable failure) {
		String message = (failure != null) ? failure.toString() : "unknown";
		int end = message.indexOf('\n');
		return ((end >= 0) ? message.substring(0, end) : message).trim();
	}

}
