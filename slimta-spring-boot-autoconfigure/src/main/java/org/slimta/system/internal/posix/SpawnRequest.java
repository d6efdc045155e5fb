package org.slimta.system.internal.posix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What {@link NativeProcesses#spawn(SpawnRequest)} starts, and how. Start from
 * {@link #of(List)}: the command's environment, working directory and standard streams are the
 * parent's, the signal mask is empty, every catchable signal has its default action, no new session
 * and no descriptor beyond 0, 1 and 2 is passed on.
 *
 * @param program the program: a path, or a name looked up in the parent's {@code PATH}
 * @param arguments the argument vector, its first element being the program's name
 * @param environment the child's environment
 * @param workingDirectory the child's working directory, or {@code null} for the parent's
 * @param signalMask the signal numbers blocked in the child; empty for none
 * @param defaultSignalActions whether every catchable signal gets its default action in the child
 * ({@code POSIX_SPAWN_SETSIGDEF}); otherwise a signal the parent ignores, and glibc's internal
 * signals 32 and 33, are still ignored after {@code exec}
 * @param newSession whether the child leads a new session ({@code POSIX_SPAWN_SETSID}), detached
 * from the parent's controlling terminal
 * @param stdin the child's descriptor 0
 * @param stdout the child's descriptor 1
 * @param stderr the child's descriptor 2
 * @param keepOpen the parent's descriptors above 2 the child keeps, under the same numbers, even
 * if they are close-on-exec
 */
public record SpawnRequest(String program, List<String> arguments, Map<String, String> environment,
		@Nullable Path workingDirectory, Set<Integer> signalMask, boolean defaultSignalActions, boolean newSession,
		Redirection stdin, Redirection stdout, Redirection stderr, Set<Integer> keepOpen) {

	public SpawnRequest {
		Objects.requireNonNull(program, "program");
		arguments = List.copyOf(arguments);
		environment = Map.copyOf(environment);
		signalMask = Set.copyOf(signalMask);
		Objects.requireNonNull(stdin, "stdin");
		Objects.requireNonNull(stdout, "stdout");
		Objects.requireNonNull(stderr, "stderr");
		keepOpen = Set.copyOf(keepOpen);
		for (int fd : keepOpen) {
			if (fd <= 2) {
				throw new IllegalArgumentException("descriptor " + fd + " is a standard stream: redirect it instead");
			}
		}
	}

	/**
	 * A request to run a command as the parent would with a clean signal state.
	 * @param command the program followed by its arguments
	 * @return the request
	 */
	public static SpawnRequest of(List<String> command) {
		if (command.isEmpty()) {
			throw new IllegalArgumentException("empty command");
		}
		return new SpawnRequest(command.get(0), command, System.getenv(), null, Set.of(), true, false,
				Redirection.inherit(), Redirection.inherit(), Redirection.inherit(), Set.of());
	}

	/**
	 * A request to run a command as the parent would with a clean signal state.
	 * @param command the program followed by its arguments
	 * @return the request
	 */
	public static SpawnRequest of(String... command) {
		return of(List.of(command));
	}

	/**
	 * This request with another environment.
	 * @param environment the child's whole environment
	 * @return the new request
	 */
	public SpawnRequest withEnvironment(Map<String, String> environment) {
		return new SpawnRequest(this.program, this.arguments, environment, this.workingDirectory, this.signalMask,
				this.defaultSignalActions, this.newSession, this.stdin, this.stdout, this.stderr, this.keepOpen);
	}

	/**
	 * This request with another working directory.
	 * @param workingDirectory the directory, or {@code null} for the parent's
	 * @return the new request
	 */
	public SpawnRequest withWorkingDirectory(@Nullable Path workingDirectory) {
		return new SpawnRequest(this.program, this.arguments, this.environment, workingDirectory, this.signalMask,
				this.defaultSignalActions, this.newSession, this.stdin, this.stdout, this.stderr, this.keepOpen);
	}

	/**
	 * This request with another signal mask.
	 * @param signalMask the signal numbers to block in the child
	 * @return the new request
	 */
	public SpawnRequest withSignalMask(Set<Integer> signalMask) {
		return new SpawnRequest(this.program, this.arguments, this.environment, this.workingDirectory, signalMask,
				this.defaultSignalActions, this.newSession, this.stdin, this.stdout, this.stderr, this.keepOpen);
	}

	/**
	 * This request with or without default actions for every catchable signal.
	 * @param defaultSignalActions whether to restore the default actions
	 * @return the new request
	 */
	public SpawnRequest withDefaultSignalActions(boolean defaultSignalActions) {
		return new SpawnRequest(this.program, this.arguments, this.environment, this.workingDirectory,
				this.signalMask, defaultSignalActions, this.newSession, this.stdin, this.stdout, this.stderr,
				this.keepOpen);
	}

	/**
	 * This request with or without a new session.
	 * @param newSession whether the child leads a new session
	 * @return the new request
	 */
	public SpawnRequest withNewSession(boolean newSession) {
		return new SpawnRequest(this.program, this.arguments, this.environment, this.workingDirectory,
				this.signalMask, this.defaultSignalActions, newSession, this.stdin, this.stdout, this.stderr,
				this.keepOpen);
	}

	/**
	 * This request with other standard streams.
	 * @param stdin the child's descriptor 0
	 * @param stdout the child's descriptor 1
	 * @param stderr the child's descriptor 2
	 * @return the new request
	 */
	public SpawnRequest withStandardStreams(Redirection stdin, Redirection stdout, Redirection stderr) {
		return new SpawnRequest(this.program, this.arguments, this.environment, this.workingDirectory,
				this.signalMask, this.defaultSignalActions, this.newSession, stdin, stdout, stderr, this.keepOpen);
	}

	/**
	 * This request passing other descriptors on.
	 * @param keepOpen the parent's descriptors above 2 the child keeps
	 * @return the new request
	 */
	public SpawnRequest withKeepOpen(Set<Integer> keepOpen) {
		return new SpawnRequest(this.program, this.arguments, this.environment, this.workingDirectory,
				this.signalMask, this.defaultSignalActions, this.newSession, this.stdin, this.stdout, this.stderr,
				keepOpen);
	}

}
