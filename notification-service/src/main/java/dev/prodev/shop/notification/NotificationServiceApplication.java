package dev.prodev.shop.notification;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
// jobs that must run on one replica at a time (the retention job); lock table from platform-messaging
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }

    /** One clock for every timestamp (UTC instants), replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
