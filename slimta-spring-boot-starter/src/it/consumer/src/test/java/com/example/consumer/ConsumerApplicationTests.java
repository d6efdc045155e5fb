package com.example.consumer;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.util.IdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "management.endpoint.health.show-details=always", "slimta.system.uuid.version=7" })
class ConsumerApplicationTests {

	@Autowired
	private IdGenerator ids;

	@Autowired
	private HealthEndpoint health;

	@Test
	void getsAnIdGeneratorFromTheStarter() {
		UUID id = this.ids.generateId();
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
	}

	@Test
	void showsTheSlimtaHealthComponent() {
		HealthDescriptor slimta = this.health.healthForPath("slimta");
		assertThat(slimta).isInstanceOf(IndicatedHealthDescriptor.class);
		assertThat(((IndicatedHealthDescriptor) slimta).getDetails()).containsEntry("pid", ProcessHandle.current().pid())
			.containsKeys("user", "uid", "gid", "privileges", "signals", "daemon");
	}

}
