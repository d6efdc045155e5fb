package org.slimta.system.boot.internal.reload;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class YamlParseErrorTests {

	@TempDir
	Path directory;

	@Test
	void namesTheFileTheLineAndTheColumnOnOneLine() throws Exception {
		Path file = this.directory.resolve("application.yml");
		Files.writeString(file, "sample:\n  greeting: before\n");
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(file))
			.forEach(environment.getPropertySources()::addLast);
		Files.writeString(file, "sample:\n  greeting: [unclosed\n");
		Throwable failure = catchThrowable(
				() -> new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(file)));
		assertThat(YamlParseError.explain(new IllegalStateException("refresh failed", failure), environment))
			.hasValue(file.toAbsolutePath() + ", line 2, column 13: while parsing a flow sequence, expected ',' or ']',"
					+ " but got <stream end> (line 3, column 1)");
	}

	@Test
	void saysWhereWithoutAFileItDoesNotKnow() {
		Throwable failure = catchThrowable(() -> new YamlPropertySourceLoader().load("in-memory",
				new ByteArrayResource("a: [b\n".getBytes())));
		assertThat(YamlParseError.explain(failure, new StandardEnvironment())).hasValueSatisfying(
				(reason) -> assertThat(reason).startsWith("line 1, column 4: while parsing a flow sequence").doesNotContain("\n"));
	}

	@Test
	void leavesOtherFailuresAlone() {
		assertThat(YamlParseError.explain(new IllegalStateException("no"), new StandardEnvironment())).isEmpty();
	}

}
