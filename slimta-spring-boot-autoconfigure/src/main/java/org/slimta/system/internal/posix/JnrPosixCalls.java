package org.slimta.system.internal.posix;

import jnr.posix.Group;
import jnr.posix.POSIX;
import jnr.posix.Passwd;
import org.jspecify.annotations.Nullable;

/**
 * {@link PosixCalls} through jnr-posix, for JDK 17 to 21 or wherever
 * {@code -Dorg.slimta.system.native=jnr} asks for it.
 */
final class JnrPosixCalls implements PosixCalls {

	private final POSIX posix;

	JnrPosixCalls(POSIX posix) {
		this.posix = posix;
	}

	@Override
	public int getpid() {
		return this.posix.getpid();
	}

	@Override
	public int geteuid() {
		return this.posix.geteuid();
	}

	@Override
	public int getegid() {
		return this.posix.getegid();
	}

	@Override
	public @Nullable UserEntry userByName(String name) {
		return toUser(this.posix.getpwnam(name));
	}

	@Override
	public @Nullable UserEntry userById(int uid) {
		return toUser(this.posix.getpwuid(uid));
	}

	@Override
	public @Nullable GroupEntry groupByName(String name) {
		return toGroup(this.posix.getgrnam(name));
	}

	@Override
	public @Nullable GroupEntry groupById(int gid) {
		return toGroup(this.posix.getgrgid(gid));
	}

	@Override
	public int setgid(int gid) {
		return result(this.posix.setgid(gid));
	}

	@Override
	public int setuid(int uid) {
		return result(this.posix.setuid(uid));
	}

	@Override
	public int umask(int mask) {
		return this.posix.umask(mask);
	}

	@Override
	public int open(String path, int flags, int mode) {
		return result(this.posix.open(path, flags, mode));
	}

	@Override
	public int dup2(int fd, int newFd) {
		return result(this.posix.dup2(fd, newFd));
	}

	@Override
	public int close(int fd) {
		return result(this.posix.close(fd));
	}

	private int result(int result) {
		return (result == -1) ? -this.posix.errno() : result;
	}

	private static @Nullable UserEntry toUser(@Nullable Passwd passwd) {
		return (passwd != null)
				? new UserEntry(passwd.getLoginName(), (int) passwd.getUID(), (int) passwd.getGID(), passwd.getHome())
				: null;
	}

	private static @Nullable GroupEntry toGroup(@Nullable Group group) {
		return (group != null) ? new GroupEntry(group.getName(), (int) group.getGID()) : null;
	}

}
