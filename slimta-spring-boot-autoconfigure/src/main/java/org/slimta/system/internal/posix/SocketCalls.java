package org.slimta.system.internal.posix;

/**
 * The libc calls behind {@link SocketDescriptors}, made by jnr-ffi ({@link JnrSocketCalls}) or by
 * the JDK's foreign function API ({@code ForeignSocketCalls}, JDK 22+). A call that fails returns
 * minus {@code errno}.
 */
interface SocketCalls {

	/**
	 * {@code getsockname}.
	 * @param fd the descriptor
	 * @param address receives the {@code sockaddr}
	 * @param length holds the length of {@code address}, and receives the length of the address
	 * @return {@code 0}, or minus errno
	 */
	int getsockname(int fd, byte[] address, int[] length);

	/**
	 * {@code getsockopt} of an {@code int} option.
	 * @param fd the descriptor
	 * @param level the level, for example {@code SOL_SOCKET}
	 * @param option the option
	 * @param value receives the value
	 * @return {@code 0}, or minus errno
	 */
	int getsockoptInt(int fd, int level, int option, int[] value);

	/** {@code dup3}: the new descriptor, or minus errno. */
	int dup3(int fd, int newFd, int flags);

	/** {@code close}: {@code 0}, or minus errno. */
	int close(int fd);

	/** {@code unsetenv}: {@code 0}, or minus errno. */
	int unsetenv(String name);

	/** {@code setenv}, overwriting: {@code 0}, or minus errno. */
	int setenv(String name, String value);

}
