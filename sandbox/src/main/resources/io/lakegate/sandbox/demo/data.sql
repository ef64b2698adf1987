-- The sandbox's demonstration data, loaded once by the service account (lakegate) through the Thrift server, so
-- that its lineage reaches the hub too. Parquet tables in the shared Hive metastore: Spark, Flink's HiveCatalog and
-- Trino's Hive connector all read them. Statements end with a semicolon at the end of a line.
CREATE DATABASE IF NOT EXISTS sales COMMENT 'Orders and customers';
CREATE DATABASE IF NOT EXISTS analytics COMMENT 'Tables of analysts and engineers';
CREATE DATABASE IF NOT EXISTS hr COMMENT 'Human resources: auditors only';
CREATE TABLE IF NOT EXISTS sales.customers (
  customer_id INT, name STRING, email STRING, phone STRING, country STRING)
  COMMENT 'Customers; e-mail and phone are PII' STORED AS PARQUET;
CREATE TABLE IF NOT EXISTS sales.orders (
  order_id INT, customer_id INT, region STRING, amount DECIMAL(10,2), order_date DATE)
  COMMENT 'Orders of every region' STORED AS PARQUET;
CREATE TABLE IF NOT EXISTS hr.salaries (
  employee STRING, department STRING, salary DECIMAL(10,2))
  COMMENT 'Salaries' STORED AS PARQUET;
INSERT OVERWRITE TABLE sales.customers VALUES
  (1, 'Anna Schmidt', 'anna.schmidt@example.de', '+49 30 1234 5678', 'DE'),
  (2, 'Louis Martin', 'louis.martin@example.fr', '+33 1 2345 6789', 'FR'),
  (3, 'Lucia Garcia', 'lucia.garcia@example.es', '+34 91 234 5678', 'ES'),
  (4, 'John Smith', 'john.smith@example.com', '+1 212 555 0134', 'US'),
  (5, 'Yuki Tanaka', 'yuki.tanaka@example.jp', '+81 3 1234 5678', 'JP'),
  (6, 'Pedro Souza', 'pedro.souza@example.br', '+55 11 2345 6789', 'BR');
INSERT OVERWRITE TABLE sales.orders VALUES
  (101, 1, 'EU', 120.00, DATE '2026-10-01'),
  (102, 2, 'EU', 75.50, DATE '2026-10-02'),
  (103, 3, 'EU', 210.25, DATE '2026-10-03'),
  (104, 1, 'EU', 40.00, DATE '2026-10-05'),
  (105, 4, 'NA', 330.00, DATE '2026-10-01'),
  (106, 4, 'NA', 18.75, DATE '2026-10-04'),
  (107, 5, 'APAC', 99.99, DATE '2026-10-02'),
  (108, 5, 'APAC', 250.00, DATE '2026-10-06'),
  (109, 6, 'LATAM', 64.10, DATE '2026-10-03'),
  (110, 6, 'LATAM', 12.00, DATE '2026-10-07');
INSERT OVERWRITE TABLE hr.salaries VALUES
  ('Alice Analyst', 'Analytics', 72000.00),
  ('Bob Engineer', 'Platform', 91000.00),
  ('Carol Auditor', 'Compliance', 83000.00);
