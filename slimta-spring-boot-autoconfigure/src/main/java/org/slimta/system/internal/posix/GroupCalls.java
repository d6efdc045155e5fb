package org.slimta.system.internal.posix;

/**
 * The libc calls behind {@link SupplementaryGroups}, made by jnr-ffi ({@link JnrGroupCalls}) or by
 * the JDK's foreign function API ({@code ForeignGroupCalls}, JDK 22+).
 */
interface GroupCalls {

	/** {@code initgroups}: {@code 0}, or minus errno. */
	int initgroups(String user, int gid);

	/** {@code setgroups(0, NULL)}: {@code 0}, or minus errno. */
	int clearGroups();

	/**
	 * {@code getgrouplist}.
	 * @param user the login name
	 * @param gid the group to add
	 * @param groups receives the groups
	 * @param count holds the length of {@code groups}, and receives the count of groups found
	 * @return the count, or {@code -1} when {@code groups} is too small
	 */
	int getgrouplist(String user, int gid, int[] groups, int[] count);

}
