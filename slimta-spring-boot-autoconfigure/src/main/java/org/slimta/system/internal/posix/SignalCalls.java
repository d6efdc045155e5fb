package org.slimta.system.internal.posix;

import java.util.List;

/**
 * The libc calls behind {@link NativeSignals} and {@link SignalDescriptor}, made by jffi
 * ({@link JnrSignalCalls}) or by the JDK's foreign function API ({@code ForeignSignalCalls}, JDK
 * 22+). Each returns what the kernel returns, a negative result being minus {@code errno}, so that
 * one implementation of the checks, retries and messages serves both.
 */
interface SignalCalls {

	/**
	 * {@code pthread_sigmask} of the calling thread, the previous mask not asked for.
	 * @param how {@code SIG_BLOCK} or {@code SIG_UNBLOCK}
	 * @param set a {@code sigset_t}, as {@link SignalSet#of} makes it
	 * @return {@code 0}, or the error number (this call does not set {@code errno})
	 */
	int pthreadSigmask(int how, byte[] set);

	/**
	 * {@code fcntl} with an {@code int} argument.
	 * @param fd the descriptor
	 * @param command {@code F_GETFD} and the like
	 * @param argument the argument, {@code 0} where the command takes none
	 * @return the result, or minus errno
	 */
	int fcntl(int fd, int command, int argument);

	/**
	 * {@code execv}, which returns only when it failed.
	 * @param path the program
	 * @param argv its arguments
	 * @return the error number
	 */
	int execv(String path, List<String> argv);

	/**
	 * {@code signalfd} making a new descriptor.
	 * @param set a {@code sigset_t}
	 * @param flags {@code SFD_CLOEXEC} and the like
	 * @return the descriptor, or minus errno
	 */
	int signalfd(byte[] set, int flags);

	/**
	 * {@code eventfd} with a count of {@code 0}.
	 * @param flags {@code EFD_CLOEXEC} and the like
	 * @return the descriptor, or minus errno
	 */
	int eventfd(int flags);

	/**
	 * {@code close}.
	 * @param fd the descriptor
	 * @return {@code 0}, or minus errno
	 */
	int close(int fd);

	/**
	 * The memory and calls that wait for and read one {@code signalfd}.
	 * @param signalfd the descriptor read
	 * @param wakeup an {@code eventfd} that ends a wait
	 * @param size the most bytes one read takes
	 * @return them, their memory freed when closed
	 */
	Reading reading(int signalfd, int wakeup, int size);

	/**
	 * Waiting for and reading one {@code signalfd}: {@link #poll()} and {@link #read(byte[])} from
	 * the reading thread only, {@link #wake()} from any thread. Closing frees the memory and
	 * closes no descriptor.
	 */
	interface Reading extends AutoCloseable {

		/**
		 * {@code poll} on the signalfd and the wakeup descriptor, without a time limit.
		 * @return the events of the signalfd ({@code revents}, {@code 0} or more), or minus errno
		 */
		int poll();

		/**
		 * {@code read} of the signalfd.
		 * @param buffer receives what was read, from its start, at most the size asked for
		 * @return the count read, or minus errno
		 */
		int read(byte[] buffer);

		/**
		 * {@code write} of a count of one to the wakeup descriptor, in memory of its own.
		 * @return the count written, or minus errno
		 */
		int wake();

		@Override
		void close();

	}

}
