-- One role and one database per service, the role owning its database (PostgreSQL 15+ removed
-- CREATE on schema public for other roles). Dev passwords: the same values as
-- deploy/local/dev.env (ComposeFileTest checks that compose.yaml hands each service its own).
CREATE ROLE user_service LOGIN PASSWORD 'user_service_dev';
CREATE DATABASE users OWNER user_service;
CREATE ROLE catalog_service LOGIN PASSWORD 'catalog_service_dev';
CREATE DATABASE catalog OWNER catalog_service;
CREATE ROLE order_service LOGIN PASSWORD 'order_service_dev';
CREATE DATABASE orders OWNER order_service;
CREATE ROLE payment_service LOGIN PASSWORD 'payment_service_dev';
CREATE DATABASE payments OWNER payment_service;
CREATE ROLE notification_service LOGIN PASSWORD 'notification_service_dev';
CREATE DATABASE notifications OWNER notification_service;
