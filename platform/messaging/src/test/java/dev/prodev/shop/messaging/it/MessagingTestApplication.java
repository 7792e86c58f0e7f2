package dev.prodev.shop.messaging.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service using platform-messaging the way the shop's services do. */
@SpringBootApplication
public class MessagingTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(MessagingTestApplication.class, args);
    }
}
