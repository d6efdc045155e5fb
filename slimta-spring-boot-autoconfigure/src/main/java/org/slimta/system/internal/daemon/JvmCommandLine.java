package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line this JVM was started with, as the kernel recorded it, so that the JVM can
 * start itself again: in place ({@code execv}) or detached.
 *
 * @param executable the resolved path of the {@code java} program (not {@code /proc/self/exe},
 * which would rename the process {@code exe})
 * @param arguments the arguments, the first being the program's name as it was invoked
 */
public record JvmCommandLine(String executable, List<String> arguments) {

	/**
	 * Create a command line.
	 */
	public JvmCommandLine {
		arguments = List.copyOf(arguments);
		if (arguments.isEmpty()) {
			throw new IllegalArgumentException("a command line has at least the program's name");
		}
	}

	/**
	 * Read this process's command line from {@code /proc/self}.
	 * @return the command line
	 * @throws IOException if {@code /proc} cannot be read
	 */
	public static JvmCommandLine current() throws IOException {
		String executable = Files.readSymbolicLink(Path.of("/proc/self/exe")).toString();
		return new JvmCommandLine(executable, parse(Files.readAllBytes(Path.of("/proc/self/cmdline"))));
	}

	/**
	 * Split the NUL-separated contents of a {@code /proc/<pid>/cmdline} file.
	 * @param cmdline the file's bytes
	 * @return the arguments
	 */
	static List<String> parse(byte[] cmdline) {
		List<String> arguments = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < cmdline.length; i++) {
			if (cmdline[i] == 0) {
				arguments.add(new String(cmdline, start, i - start, Charset.defaultCharset()));
				start = i + 1;
			}
		}
		if (start < cmdline.length) {
			arguments.add(new String(cmdline, start, cmdline.length - start, Charset.defaultCharset()));
		}
		return arguments;
	}

	/**
	 * The same command with JVM options added right after the program's name, where the
	 * {@code java} launcher reads options.
	 * @param options the options, for example {@code -Xrs}
	 * @return the new command line
	 */
	public JvmCommandLine withJvmOptions(List<String> options) {
		List<String> extended = new ArrayList<>(this.arguments.size() + options.size());
		extended.add(this.arguments.get(0));
		extended.addAll(options);
		extended.addAll(this.arguments.subList(1, this.arguments.size()));
		return new JvmCommandLine(this.executable, extended);
	}

	/**
	 * The same command with the JVM's own relative paths made absolute ({@code -jar},
	 * {@code -cp}/{@code -classpath}/{@code --class-path}, {@code -javaagent:}), so that it still
	 * starts from another working directory. Up to the main class or jar only: the application's
	 * own arguments are left as they are.
	 * @param base the directory relative paths were meant from
	 * @return the new command line
	 */
	public JvmCommandLine withAbsolutePaths(Path base) {
		List<String> resolved = new ArrayList<>(this.arguments.size());
		resolved.add(this.arguments.get(0));
		boolean jvmOptions = true;
		for (int i = 1; i < this.arguments.size(); i++) {
			String argument = this.arguments.get(i);
			if (!jvmOptions) {
				resolved.add(argument);
				continue;
			}
			if ((argument.equals("-jar") || argument.equals("-cp") || argument.equals("-classpath")
					|| argument.equals("--class-path")) && i + 1 < this.arguments.size()) {
				resolved.add(argument);
				resolved.add(absolutePaths(this.arguments.get(++i), base));
				jvmOptions = !argument.equals("-jar");
			}
			else if (argument.startsWith("-javaagent:")) {
				String agent = argument.substring("-javaagent:".length());
				int equals = agent.indexOf('=');
				String jar = (equals >= 0) ? agent.substring(0, equals) : agent;
				resolved.add("-javaagent:" + base.resolve(jar) + ((equals >= 0) ? agent.substring(equals) : ""));
			}
			else {
				resolved.add(argument);
				// The first argument that is no option is the main class: the application's arguments follow.
				jvmOptions = argument.startsWith("-") || argument.startsWith("@");
			}
		}
		return new JvmCommandLine(this.executable, resolved);
	}

	private static String absolutePaths(String paths, Path base) {
		List<String> entries = new ArrayList<>();
		for (String entry : paths.split(":", -1)) {
			entries.add(entry.isEmpty() ? entry : base.resolve(entry).toString());
		}
		return String.join(":", entries);
	}

	/**
	 * Whether the JVM runs with a debugger agent, on its command line or in the environment
	 * variables the {@code java} launcher reads.
	 * @param environment the process environment
	 * @return whether a JDWP agent is configured
	 */
	public boolean hasDebugger(java.util.Map<String, String> environment) {
		for (String argument : this.arguments) {
			if (isDebugOption(argument)) {
				return true;
			}
		}
		for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
			String value = environment.get(variable);
			if (value != null && (value.contains("-agentlib:jdwp") || value.contains("-Xrunjdwp"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an IDE's launcher runs the JVM (IntelliJ IDEA's {@code idea_rt} agent), which
	 * expects to manage the process it started.
	 * @return whether an IDE launcher agent is on the command line
	 */
	public boolean hasIdeLauncher() {
		for (String argument : this.arguments) {
			if (argument.startsWith("-javaagent:") && argument.contains("idea_rt")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The {@code @argfiles} of the command line that no longer exist (IDEs delete theirs once the
	 * JVM started): the same command would now fail.
	 * @return the missing files, empty if there are none
	 */
	public List<String> missingArgumentFiles() {
		List<String> missing = new ArrayList<>();
		for (String argument : this.arguments.subList(1, this.arguments.size())) {
			if (argument.startsWith("@") && !argument.startsWith("@@") && !Files.isReadable(Path.of(argument.substring(1)))) {
				missing.add(argument.substring(1));
			}
		}
		return missing;
	}

	private static boolean isDebugOption(String argument) {
		return argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp");
	}

}
