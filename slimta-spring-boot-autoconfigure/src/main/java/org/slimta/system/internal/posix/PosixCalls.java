package org.slimta.system.internal.posix;

import org.jspecify.annotations.Nullable;

/**
 * The libc calls behind {@link Posix}, made by jnr-posix ({@link JnrPosixCalls}) or by the JDK's
 * foreign function API ({@code ForeignPosixCalls}, JDK 22+). A call that fails returns minus
 * {@code errno}; a lookup returns {@code null} when the database has no such entry.
 */
interface PosixCalls {

	int getpid();

	int geteuid();

	int getegid();

	/**
	 * {@code getpwnam}.
	 * @param name the login name
	 * @return the user, or {@code null} if there is none of that name
	 * @throws PosixException if the lookup itself failed
	 */
	@Nullable UserEntry userByName(String name);

	/**
	 * {@code getpwuid}.
	 * @param uid the user id
	 * @return the user, or {@code null} if the id has no entry
	 * @throws PosixException if the lookup itself failed
	 */
	@Nullable UserEntry userById(int uid);

	/**
	 * {@code getgrnam}.
	 * @param name the group name
	 * @return the group, or {@code null} if there is none of that name
	 * @throws PosixException if the lookup itself failed
	 */
	@Nullable GroupEntry groupByName(String name);

	/**
	 * {@code getgrgid}.
	 * @param gid the group id
	 * @return the group, or {@code null} if the id has no entry
	 * @throws PosixException if the lookup itself failed
	 */
	@Nullable GroupEntry groupById(int gid);

	/** {@code setgid}: {@code 0}, or minus errno. */
	int setgid(int gid);

	/** {@code setuid}: {@code 0}, or minus errno. */
	int setuid(int uid);

	/** {@code umask}: the previous mask. */
	int umask(int mask);

	/** {@code open}: the descriptor, or minus errno. */
	int open(String path, int flags, int mode);

	/** {@code dup2}: the new descriptor, or minus errno. */
	int dup2(int fd, int newFd);

	/** {@code close}: {@code 0}, or minus errno. */
	int close(int fd);

}
