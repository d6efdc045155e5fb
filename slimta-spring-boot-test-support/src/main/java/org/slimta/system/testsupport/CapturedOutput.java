package org.slimta.system.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where a child's standard output and error go, and how to read them back: temporary files (deleted
 * with the process), a log file that stays, or lines handed to a consumer and kept in memory.
 */
final class CapturedOutput {

	private final Path output;

	private final Path errors;

	private final boolean temporary;

	private final Consumer<String> consumer;

	private final StringBuffer lines;

	private Thread reader;

	private CapturedOutput(Path output, Path errors, boolean temporary, Consumer<String> consumer) {
		this.output = output;
		this.errors = errors;
		this.temporary = temporary;
		this.consumer = consumer;
		this.lines = (consumer != null) ? new StringBuffer() : null;
	}

	static CapturedOutput separateFiles(ProcessBuilder builder, String name) throws IOException {
		Path output = Files.createTempFile(name + "-", ".log");
		Path errors = Files.createTempFile(name + "-", ".err");
		builder.redirectOutput(output.toFile()).redirectError(errors.toFile());
		return new CapturedOutput(output, errors, true, null);
	}

	static CapturedOutput mergedFile(ProcessBuilder builder, String name) throws IOException {
		Path output = Files.createTempFile(name + "-", ".log");
		builder.redirectErrorStream(true).redirectOutput(output.toFile());
		return new CapturedOutput(output, null, true, null);
	}

	static CapturedOutput log(ProcessBuilder builder, Path log) {
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		return new CapturedOutput(log, null, false, null);
	}

	static CapturedOutput lines(ProcessBuilder builder, Consumer<String> consumer) {
		builder.redirectErrorStream(true);
		return new CapturedOutput(null, null, false, consumer);
	}

	/**
	 * Start reading the process's output when it goes through a pipe.
	 */
	void follow(Process process) {
		if (this.consumer == null) {
			return;
		}
		this.reader = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					this.lines.append(line).append('\n');
					this.consumer.accept(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "child-output-" + process.pid());
		this.reader.setDaemon(true);
		this.reader.start();
	}

	String standardOutput() throws IOException {
		return (this.lines != null) ? this.lines.toString() : Files.readString(this.output);
	}

	String standardError() throws IOException {
		return (this.errors != null) ? Files.readString(this.errors) : "";
	}

	/**
	 * Where the output is, for a failure message.
	 */
	String location() {
		return (this.output != null) ? this.output.toString() : "memory";
	}

	/**
	 * Delete the temporary files; a log file stays.
	 */
	void delete() throws IOException {
		if (this.temporary) {
			Files.deleteIfExists(this.output);
			if (this.errors != null) {
				Files.deleteIfExists(this.errors);
			}
		}
	}

}
