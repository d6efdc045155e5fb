package org.slimta.system.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.daemon.ReadinessPipe;
import org.slimta.system.internal.signal.RelaunchSettings;
import org.slimta.system.internal.signal.SignalfdPreparation.Assessment;
import org.slimta.system.internal.signal.SignalfdReader;

/**
 * Everything the starter keeps for as long as the JVM runs, in one place: what is decided or
 * started once per process and outlives any Spring context (several applications started in one
 * JVM, the environment Spring Cloud prepares again on SIGHUP). Each holder names the one class
 * that reads and writes it, under that class's lock; nothing else touches them.
 */
public final class ProcessWideState {

	/** The relaunch for signalfd at this JVM's first moment; kept by {@code StartupRelaunch}. */
	public static final RelaunchAtStart RELAUNCH_AT_START = new RelaunchAtStart();

	/**
	 * The signalfd reader of this process, at most one as the blocked signals are process-wide;
	 * kept by {@link SignalfdReader}.
	 */
	public static final Holder<SignalfdReader> SIGNALFD_READER = new Holder<>();

	/**
	 * The pipe to the launching process of a detached JVM, until it was answered; kept by
	 * {@link ReadinessPipe}.
	 */
	public static final Holder<ReadinessPipe> READINESS_PIPE = new Holder<>();

	/**
	 * The kinds of environment post-processor that decided for this JVM (the detach, the relaunch):
	 * a refresh prepares a new environment on the SIGHUP thread; kept by
	 * {@code OncePerJvmEnvironmentPostProcessor}.
	 */
	public static final Set<Class<?>> ENVIRONMENT_DECIDED_BY = ConcurrentHashMap.newKeySet();

	private ProcessWideState() {
	}

	/**
	 * One value for the whole process, guarded by the lock of the class that keeps it.
	 * @param <T> the type of the value
	 */
	public static final class Holder<T> {

		private @Nullable T value;

		Holder() {
		}

		/**
		 * The value.
		 * @return the value, or {@code null} while there is none
		 */
		public @Nullable T get() {
			return this.value;
		}

		/**
		 * Replace the value.
		 * @param value the new value, or {@code null} for none
		 */
		public void set(@Nullable T value) {
			this.value = value;
		}

	}

	/**
	 * What the relaunch at this JVM's first moment decided, guarded by the lock of
	 * {@code StartupRelaunch}.
	 */
	public static final class RelaunchAtStart {

		/** Whether the first moment ran. */
		public boolean ran;

		/** The application's arguments as the first moment took them. */
		public List<String> args = List.of();

		/** How the first moment read the settings, or {@code null} before it ran. */
		public @Nullable Function<List<String>, RelaunchSettings> reader;

		/** Why re-executing the JVM failed: a second attempt from Spring Boot's start-up costs nothing. */
		public @Nullable Assessment failure;

		RelaunchAtStart() {
		}

	}

}
