package io.lakegate.spark.authz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TPC-DS-like schema (fewer columns per table) and 31 analytic queries in the style of TPC-DS's: star joins,
 * aggregates with ROLLUP and GROUPING SETS, windows, correlated and scalar subqueries, EXISTS / NOT IN, CTEs
 * joined to themselves, set operations, a lateral view. For the benchmark; written for this project.
 */
final class TpcdsQueries {
    static final Map<String, String> TABLES = tables();

    static final List<String> QUERIES = List.of(
            """
            SELECT d.d_year, i.i_brand_id, i.i_brand, SUM(ss.ss_ext_sales_price) AS sum_agg
            FROM date_dim d JOIN store_sales ss ON d.d_date_sk = ss.ss_sold_date_sk
            JOIN item i ON ss.ss_item_sk = i.i_item_sk
            WHERE i.i_manufact_id = 128 AND d.d_moy = 11
            GROUP BY d.d_year, i.i_brand, i.i_brand_id ORDER BY d.d_year, sum_agg DESC, i.i_brand_id LIMIT 100""",
            """
            WITH ctr AS (SELECT sr_customer_sk AS cust, sr_store_sk AS store_sk, SUM(sr_return_amt) AS total
              FROM store_returns JOIN date_dim ON sr_returned_date_sk = d_date_sk WHERE d_year = 2000
              GROUP BY sr_customer_sk, sr_store_sk)
            SELECT c_customer_id FROM ctr c1 JOIN store s ON s.s_store_sk = c1.store_sk
            JOIN customer c ON c1.cust = c.c_customer_sk
            WHERE c1.total > (SELECT AVG(total) * 1.2 FROM ctr c2 WHERE c1.store_sk = c2.store_sk)
              AND s.s_state = 'TN'
            ORDER BY c_customer_id LIMIT 100""",
            """
            SELECT i_item_id, AVG(ss_quantity) a1, AVG(ss_list_price) a2, AVG(ss_coupon_amt) a3, AVG(ss_sales_price) a4
            FROM store_sales JOIN customer_demographics ON ss_cdemo_sk = cd_demo_sk
            JOIN date_dim ON ss_sold_date_sk = d_date_sk JOIN item ON ss_item_sk = i_item_sk
            JOIN promotion ON ss_promo_sk = p_promo_sk
            WHERE cd_gender = 'M' AND cd_marital_status = 'S' AND cd_education_status = 'College'
              AND (p_channel_email = 'N' OR p_channel_event = 'N') AND d_year = 2000
            GROUP BY i_item_id ORDER BY i_item_id LIMIT 100""",
            """
            SELECT channel, SUM(sales) sales, SUM(profit) profit FROM (
              SELECT 'store' channel, ss_ext_sales_price sales, ss_net_profit profit, ss_sold_date_sk dk FROM store_sales
              UNION ALL SELECT 'catalog', cs_ext_sales_price, cs_net_profit, cs_sold_date_sk FROM catalog_sales
              UNION ALL SELECT 'web', ws_ext_sales_price, ws_net_profit, ws_sold_date_sk FROM web_sales) x
            JOIN date_dim ON dk = d_date_sk WHERE d_date BETWEEN DATE '2000-08-23' AND DATE '2000-09-06'
            GROUP BY ROLLUP(channel) ORDER BY channel""",
            """
            SELECT a.ca_state state, COUNT(*) cnt FROM customer_address a
            JOIN customer c ON a.ca_address_sk = c.c_current_addr_sk
            JOIN store_sales s ON c.c_customer_sk = s.ss_customer_sk
            JOIN date_dim d ON s.ss_sold_date_sk = d.d_date_sk JOIN item i ON s.ss_item_sk = i.i_item_sk
            WHERE d.d_year = 2001 AND d.d_moy = 1
              AND i.i_current_price > 1.2 * (SELECT AVG(j.i_current_price) FROM item j WHERE j.i_category = i.i_category)
            GROUP BY a.ca_state HAVING COUNT(*) >= 10 ORDER BY cnt, state LIMIT 100""",
            """
            SELECT i_item_id, i_item_desc, i_category, i_class, i_current_price, SUM(ss_ext_sales_price) itemrevenue,
              SUM(ss_ext_sales_price) * 100 / SUM(SUM(ss_ext_sales_price)) OVER (PARTITION BY i_class) revenueratio
            FROM store_sales JOIN item ON ss_item_sk = i_item_sk JOIN date_dim ON ss_sold_date_sk = d_date_sk
            WHERE i_category IN ('Sports', 'Books', 'Home') AND d_date BETWEEN DATE '1999-02-22' AND DATE '1999-03-24'
            GROUP BY i_item_id, i_item_desc, i_category, i_class, i_current_price
            ORDER BY i_category, i_class, i_item_id, i_item_desc, revenueratio""",
            """
            SELECT c_last_name, c_first_name, c_email_address, ss_ticket_number, COUNT(*) cnt
            FROM store_sales JOIN date_dim ON ss_sold_date_sk = d_date_sk JOIN store ON ss_store_sk = s_store_sk
            JOIN household_demographics ON ss_hdemo_sk = hd_demo_sk JOIN customer ON ss_customer_sk = c_customer_sk
            WHERE d_dom BETWEEN 1 AND 3 AND hd_buy_potential = '>10000' AND hd_vehicle_count > 0
              AND s_county IN ('Williamson County', 'Franklin Parish')
            GROUP BY c_last_name, c_first_name, c_email_address, ss_ticket_number
            HAVING COUNT(*) BETWEEN 15 AND 20 ORDER BY c_last_name, c_first_name""",
            """
            SELECT w_warehouse_name, i_item_id,
              SUM(CASE WHEN d_date < DATE '2000-03-11' THEN inv_quantity_on_hand ELSE 0 END) inv_before,
              SUM(CASE WHEN d_date >= DATE '2000-03-11' THEN inv_quantity_on_hand ELSE 0 END) inv_after
            FROM inventory JOIN warehouse ON inv_warehouse_sk = w_warehouse_sk JOIN item ON inv_item_sk = i_item_sk
            JOIN date_dim ON inv_date_sk = d_date_sk WHERE i_current_price BETWEEN 0.99 AND 1.49
            GROUP BY w_warehouse_name, i_item_id ORDER BY w_warehouse_name, i_item_id LIMIT 100""",
            """
            SELECT i_item_id, s_state, GROUPING(s_state) g_state, AVG(ss_quantity) agg1, AVG(ss_sales_price) agg2
            FROM store_sales JOIN customer_demographics ON ss_cdemo_sk = cd_demo_sk
            JOIN date_dim ON ss_sold_date_sk = d_date_sk JOIN store ON ss_store_sk = s_store_sk
            JOIN item ON ss_item_sk = i_item_sk
            WHERE cd_gender = 'F' AND d_year = 2002 AND s_state IN ('TN', 'AL', 'SD')
            GROUP BY ROLLUP(i_item_id, s_state) ORDER BY i_item_id, s_state LIMIT 100""",
            """
            SELECT cd_gender, cd_marital_status, cd_education_status, COUNT(*) cnt
            FROM customer c JOIN customer_address ca ON c.c_current_addr_sk = ca.ca_address_sk
            JOIN customer_demographics ON cd_demo_sk = c.c_current_cdemo_sk
            WHERE ca_county IN ('Rush County', 'Toole County')
              AND EXISTS (SELECT 1 FROM store_sales JOIN date_dim ON ss_sold_date_sk = d_date_sk
                          WHERE c.c_customer_sk = ss_customer_sk AND d_year = 2002)
              AND NOT EXISTS (SELECT 1 FROM web_sales JOIN date_dim ON ws_sold_date_sk = d_date_sk
                              WHERE c.c_customer_sk = ws_bill_customer_sk AND d_year = 2002)
            GROUP BY cd_gender, cd_marital_status, cd_education_status ORDER BY cnt DESC LIMIT 100""",
            """
            WITH year_total AS (SELECT c_customer_id customer_id, c_first_name, c_last_name, d_year,
                SUM(ss_net_paid) year_total
              FROM customer JOIN store_sales ON c_customer_sk = ss_customer_sk
              JOIN date_dim ON ss_sold_date_sk = d_date_sk
              GROUP BY c_customer_id, c_first_name, c_last_name, d_year)
            SELECT t2.customer_id, t2.c_first_name, t2.c_last_name FROM year_total t1
            JOIN year_total t2 ON t1.customer_id = t2.customer_id
            WHERE t1.d_year = 2001 AND t2.d_year = 2002 AND t1.year_total > 0 AND t2.year_total / t1.year_total > 1.5
            ORDER BY t2.customer_id LIMIT 100""",
            """
            SELECT i_item_id, i_category, SUM(ws_ext_sales_price) revenue,
              SUM(ws_ext_sales_price) * 100 / SUM(SUM(ws_ext_sales_price)) OVER (PARTITION BY i_class) ratio
            FROM web_sales JOIN item ON ws_item_sk = i_item_sk JOIN date_dim ON ws_sold_date_sk = d_date_sk
            WHERE i_category IN ('Jewelry', 'Women') AND d_date BETWEEN DATE '2001-01-12' AND DATE '2001-02-11'
            GROUP BY i_item_id, i_category, i_class ORDER BY i_category, i_item_id LIMIT 100""",
            """
            SELECT i_manufact_id, SUM(ss_ext_sales_price) total FROM store_sales
            JOIN date_dim ON ss_sold_date_sk = d_date_sk JOIN customer_address ON ss_addr_sk = ca_address_sk
            JOIN item ON ss_item_sk = i_item_sk
            WHERE i_manufact_id IN (SELECT i_manufact_id FROM item WHERE i_category = 'Electronics')
              AND d_year = 1998 AND d_moy = 5 AND ca_gmt_offset = -5
            GROUP BY i_manufact_id ORDER BY total LIMIT 100""",
            """
            WITH monthly AS (SELECT s_store_name, i_brand, d_year, d_moy, SUM(ss_sales_price) sum_sales
              FROM store_sales JOIN item ON ss_item_sk = i_item_sk JOIN date_dim ON ss_sold_date_sk = d_date_sk
              JOIN store ON ss_store_sk = s_store_sk WHERE d_year IN (1999, 2000)
              GROUP BY s_store_name, i_brand, d_year, d_moy)
            SELECT s_store_name, i_brand, d_year, d_moy, sum_sales,
              LAG(sum_sales) OVER (PARTITION BY s_store_name, i_brand ORDER BY d_year, d_moy) prev_sales,
              AVG(sum_sales) OVER (PARTITION BY s_store_name, i_brand, d_year) avg_sales
            FROM monthly ORDER BY sum_sales - avg_sales LIMIT 100""",
            """
            SELECT ca_zip, SUM(cs_sales_price) total FROM catalog_sales
            JOIN customer ON cs_bill_customer_sk = c_customer_sk JOIN customer_address ON c_current_addr_sk = ca_address_sk
            JOIN date_dim ON cs_sold_date_sk = d_date_sk
            WHERE (SUBSTR(ca_zip, 1, 5) IN ('85669', '86197', '88274') OR ca_state IN ('CA', 'WA', 'GA')
                   OR cs_sales_price > 500)
              AND d_qoy = 2 AND d_year = 2001
            GROUP BY ca_zip ORDER BY ca_zip LIMIT 100""",
            """
            SELECT COUNT(DISTINCT cs1.cs_order_number) order_count, SUM(cs1.cs_ext_sales_price) total
            FROM catalog_sales cs1 JOIN date_dim ON cs1.cs_sold_date_sk = d_date_sk
            JOIN customer_address ON cs1.cs_bill_addr_sk = ca_address_sk
            WHERE d_date BETWEEN DATE '2002-02-01' AND DATE '2002-04-02' AND ca_state = 'GA'
              AND EXISTS (SELECT 1 FROM catalog_sales cs2 WHERE cs1.cs_order_number = cs2.cs_order_number
                          AND cs1.cs_warehouse_sk <> cs2.cs_warehouse_sk)""",
            """
            SELECT i_item_id, s_state, COUNT(ss_quantity) store_sales_cnt, AVG(ss_quantity) avg_qty,
              STDDEV_SAMP(sr_return_quantity) stddev_ret
            FROM store_sales JOIN store_returns ON ss_customer_sk = sr_customer_sk AND ss_item_sk = sr_item_sk
              AND ss_ticket_number = sr_ticket_number
            JOIN date_dim d1 ON d1.d_date_sk = ss_sold_date_sk JOIN date_dim d2 ON d2.d_date_sk = sr_returned_date_sk
            JOIN store ON s_store_sk = ss_store_sk JOIN item ON i_item_sk = ss_item_sk
            WHERE d1.d_qoy = 1 AND d1.d_year = 2001 AND d2.d_qoy IN (1, 2, 3)
            GROUP BY i_item_id, s_state ORDER BY i_item_id, s_state LIMIT 100""",
            """
            SELECT i_item_id, ca_country, ca_state, AVG(cs_quantity) quantity, AVG(c_birth_year) birth_year
            FROM catalog_sales JOIN customer ON cs_bill_customer_sk = c_customer_sk
            JOIN customer_address ON c_current_addr_sk = ca_address_sk JOIN date_dim ON cs_sold_date_sk = d_date_sk
            JOIN item ON cs_item_sk = i_item_sk
            WHERE c_birth_year IN (1950, 1960, 1970) AND d_year = 1998
            GROUP BY ROLLUP(i_item_id, ca_country, ca_state) ORDER BY ca_country, ca_state, i_item_id LIMIT 100""",
            """
            SELECT i_brand_id, i_brand, i_manufact_id, SUM(ss_ext_sales_price) ext_price
            FROM date_dim JOIN store_sales ON d_date_sk = ss_sold_date_sk JOIN item ON ss_item_sk = i_item_sk
            JOIN customer ON ss_customer_sk = c_customer_sk JOIN customer_address ON c_current_addr_sk = ca_address_sk
            JOIN store ON ss_store_sk = s_store_sk
            WHERE i_manager_id = 8 AND d_moy = 11 AND d_year = 1998 AND SUBSTR(ca_zip, 1, 5) <> SUBSTR(s_zip, 1, 5)
            GROUP BY i_brand_id, i_brand, i_manufact_id ORDER BY ext_price DESC, i_brand_id LIMIT 100""",
            """
            SELECT COUNT(*) FROM (
              SELECT DISTINCT c_last_name, c_first_name, d_date FROM store_sales
              JOIN date_dim ON ss_sold_date_sk = d_date_sk JOIN customer ON ss_customer_sk = c_customer_sk
              WHERE d_year = 2000
              INTERSECT SELECT DISTINCT c_last_name, c_first_name, d_date FROM catalog_sales
              JOIN date_dim ON cs_sold_date_sk = d_date_sk JOIN customer ON cs_bill_customer_sk = c_customer_sk
              WHERE d_year = 2000
              INTERSECT SELECT DISTINCT c_last_name, c_first_name, d_date FROM web_sales
              JOIN date_dim ON ws_sold_date_sk = d_date_sk JOIN customer ON ws_bill_customer_sk = c_customer_sk
              WHERE d_year = 2000) hot_cust""",
            """
            SELECT COUNT(*) FROM (
              SELECT DISTINCT c_last_name, c_first_name FROM store_sales JOIN customer ON ss_customer_sk = c_customer_sk
              EXCEPT SELECT DISTINCT c_last_name, c_first_name FROM web_sales
              JOIN customer ON ws_bill_customer_sk = c_customer_sk) cool_cust""",
            """
            SELECT s_store_name, s_store_id,
              SUM(CASE WHEN d_day_name = 'Sunday' THEN ss_sales_price END) sun_sales,
              SUM(CASE WHEN d_day_name = 'Monday' THEN ss_sales_price END) mon_sales,
              SUM(CASE WHEN d_day_name = 'Saturday' THEN ss_sales_price END) sat_sales
            FROM date_dim JOIN store_sales ON d_date_sk = ss_sold_date_sk JOIN store ON s_store_sk = ss_store_sk
            WHERE s_gmt_offset = -5 AND d_year = 2000
            GROUP BY s_store_name, s_store_id ORDER BY s_store_name, s_store_id LIMIT 100""",
            """
            SELECT
              CASE WHEN (SELECT COUNT(*) FROM store_sales WHERE ss_quantity BETWEEN 1 AND 20) > 1000
                THEN (SELECT AVG(ss_ext_sales_price) FROM store_sales WHERE ss_quantity BETWEEN 1 AND 20)
                ELSE (SELECT AVG(ss_net_paid) FROM store_sales WHERE ss_quantity BETWEEN 1 AND 20) END bucket1,
              CASE WHEN (SELECT COUNT(*) FROM store_sales WHERE ss_quantity BETWEEN 21 AND 40) > 1000
                THEN (SELECT AVG(ss_ext_sales_price) FROM store_sales WHERE ss_quantity BETWEEN 21 AND 40)
                ELSE (SELECT AVG(ss_net_paid) FROM store_sales WHERE ss_quantity BETWEEN 21 AND 40) END bucket2
            FROM promotion WHERE p_promo_sk = 1""",
            """
            SELECT * FROM (
              SELECT i_category, i_class, i_brand, s_store_id, SUM(ss_sales_price * ss_quantity) sumsales,
                RANK() OVER (PARTITION BY i_category ORDER BY SUM(ss_sales_price * ss_quantity) DESC) rk
              FROM store_sales JOIN date_dim ON ss_sold_date_sk = d_date_sk JOIN store ON ss_store_sk = s_store_sk
              JOIN item ON ss_item_sk = i_item_sk WHERE d_year = 2000
              GROUP BY i_category, i_class, i_brand, s_store_id) ranked
            WHERE rk <= 100 ORDER BY i_category, rk LIMIT 100""",
            """
            WITH ssci AS (SELECT ss_customer_sk customer_sk, ss_item_sk item_sk FROM store_sales
                JOIN date_dim ON ss_sold_date_sk = d_date_sk WHERE d_year = 2001 GROUP BY ss_customer_sk, ss_item_sk),
              csci AS (SELECT cs_bill_customer_sk customer_sk, cs_item_sk item_sk FROM catalog_sales
                JOIN date_dim ON cs_sold_date_sk = d_date_sk WHERE d_year = 2001 GROUP BY cs_bill_customer_sk, cs_item_sk)
            SELECT SUM(CASE WHEN ssci.customer_sk IS NOT NULL AND csci.customer_sk IS NULL THEN 1 ELSE 0 END) store_only,
              SUM(CASE WHEN ssci.customer_sk IS NULL AND csci.customer_sk IS NOT NULL THEN 1 ELSE 0 END) catalog_only,
              SUM(CASE WHEN ssci.customer_sk IS NOT NULL AND csci.customer_sk IS NOT NULL THEN 1 ELSE 0 END) in_both
            FROM ssci FULL OUTER JOIN csci ON ssci.customer_sk = csci.customer_sk AND ssci.item_sk = csci.item_sk""",
            """
            SELECT s_store_id, SUM(ss_ext_sales_price) sales, SUM(COALESCE(sr_return_amt, 0)) returns,
              SUM(ss_net_profit - COALESCE(sr_net_loss, 0)) profit
            FROM store_sales LEFT JOIN store_returns ON ss_item_sk = sr_item_sk AND ss_ticket_number = sr_ticket_number
            JOIN date_dim ON ss_sold_date_sk = d_date_sk JOIN store ON ss_store_sk = s_store_sk
            JOIN item ON ss_item_sk = i_item_sk JOIN promotion ON ss_promo_sk = p_promo_sk
            WHERE d_date BETWEEN DATE '2000-08-23' AND DATE '2000-09-22' AND i_current_price > 50
              AND p_channel_tv = 'N'
            GROUP BY s_store_id ORDER BY s_store_id LIMIT 100""",
            """
            SELECT i_category, word, COUNT(*) n FROM item LATERAL VIEW explode(split(i_item_desc, ' ')) words AS word
            WHERE i_current_price > 10 GROUP BY i_category, word ORDER BY n DESC LIMIT 100""",
            """
            SELECT i_category, PERCENTILE_APPROX(ss_sales_price, 0.5) median_price,
              COUNT(DISTINCT ss_customer_sk) customers
            FROM store_sales JOIN item ON ss_item_sk = i_item_sk
            GROUP BY i_category HAVING COUNT(*) > 100 ORDER BY median_price DESC""",
            """
            SELECT c_customer_id, c_last_name, c_email_address, ca_city FROM customer
            JOIN customer_address ON c_current_addr_sk = ca_address_sk
            WHERE c_preferred_cust_flag = 'Y'
              AND c_customer_sk NOT IN (SELECT sr_customer_sk FROM store_returns WHERE sr_customer_sk IS NOT NULL)
            ORDER BY c_customer_id LIMIT 100""",
            """
            WITH wss AS (SELECT d_week_seq, ss_store_sk, SUM(ss_sales_price) sales FROM store_sales
              JOIN date_dim ON d_date_sk = ss_sold_date_sk GROUP BY d_week_seq, ss_store_sk)
            SELECT s_store_name, y.d_week_seq, y.sales / x.sales ratio FROM wss y
            JOIN wss x ON y.ss_store_sk = x.ss_store_sk AND y.d_week_seq = x.d_week_seq + 52
            JOIN store ON y.ss_store_sk = s_store_sk
            ORDER BY s_store_name, y.d_week_seq LIMIT 100""",
            """
            SELECT hd_buy_potential, hd_dep_count, cd_credit_rating, COUNT(*) cnt, SUM(ss_net_paid) paid
            FROM store_sales JOIN household_demographics ON ss_hdemo_sk = hd_demo_sk
            JOIN customer_demographics ON ss_cdemo_sk = cd_demo_sk
            GROUP BY GROUPING SETS ((hd_buy_potential), (hd_dep_count, cd_credit_rating), ())
            ORDER BY cnt DESC LIMIT 100""");

    private TpcdsQueries() {}

    static String firstColumn(String table) {
        String columns = TABLES.get(table);
        return columns.substring(0, columns.indexOf(' '));
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put(
                "date_dim",
                "d_date_sk INT, d_date DATE, d_year INT, d_moy INT, d_dom INT, d_qoy INT, d_day_name STRING,"
                        + " d_week_seq INT");
        tables.put(
                "item",
                "i_item_sk INT, i_item_id STRING, i_item_desc STRING, i_current_price DECIMAL(7,2), i_brand_id INT,"
                        + " i_brand STRING, i_class_id INT, i_class STRING, i_category_id INT, i_category STRING,"
                        + " i_manufact_id INT, i_manager_id INT");
        tables.put(
                "customer",
                "c_customer_sk INT, c_customer_id STRING, c_current_addr_sk INT, c_current_cdemo_sk INT,"
                        + " c_current_hdemo_sk INT, c_first_name STRING, c_last_name STRING, c_birth_year INT,"
                        + " c_birth_country STRING, c_email_address STRING, c_preferred_cust_flag STRING");
        tables.put(
                "customer_address",
                "ca_address_sk INT, ca_city STRING, ca_county STRING, ca_state STRING, ca_zip STRING,"
                        + " ca_country STRING, ca_gmt_offset DECIMAL(5,2)");
        tables.put(
                "customer_demographics",
                "cd_demo_sk INT, cd_gender STRING, cd_marital_status STRING, cd_education_status STRING,"
                        + " cd_credit_rating STRING, cd_dep_count INT");
        tables.put(
                "household_demographics",
                "hd_demo_sk INT, hd_income_band_sk INT, hd_buy_potential STRING, hd_dep_count INT,"
                        + " hd_vehicle_count INT");
        tables.put(
                "store",
                "s_store_sk INT, s_store_id STRING, s_store_name STRING, s_city STRING, s_county STRING,"
                        + " s_state STRING, s_zip STRING, s_gmt_offset DECIMAL(5,2)");
        tables.put("promotion", "p_promo_sk INT, p_channel_email STRING, p_channel_event STRING, p_channel_tv STRING");
        tables.put("warehouse", "w_warehouse_sk INT, w_warehouse_name STRING, w_state STRING");
        tables.put(
                "store_sales",
                "ss_sold_date_sk INT, ss_item_sk INT, ss_customer_sk INT, ss_cdemo_sk INT, ss_hdemo_sk INT,"
                        + " ss_addr_sk INT, ss_store_sk INT, ss_promo_sk INT, ss_ticket_number BIGINT, ss_quantity INT,"
                        + " ss_list_price DECIMAL(7,2), ss_sales_price DECIMAL(7,2), ss_ext_sales_price DECIMAL(7,2),"
                        + " ss_coupon_amt DECIMAL(7,2), ss_net_paid DECIMAL(7,2), ss_net_profit DECIMAL(7,2)");
        tables.put(
                "store_returns",
                "sr_returned_date_sk INT, sr_item_sk INT, sr_customer_sk INT, sr_store_sk INT,"
                        + " sr_ticket_number BIGINT, sr_return_quantity INT, sr_return_amt DECIMAL(7,2),"
                        + " sr_net_loss DECIMAL(7,2)");
        tables.put(
                "catalog_sales",
                "cs_sold_date_sk INT, cs_bill_customer_sk INT, cs_bill_addr_sk INT, cs_item_sk INT, cs_promo_sk INT,"
                        + " cs_warehouse_sk INT, cs_order_number BIGINT, cs_quantity INT, cs_sales_price DECIMAL(7,2),"
                        + " cs_ext_sales_price DECIMAL(7,2), cs_net_profit DECIMAL(7,2)");
        tables.put(
                "web_sales",
                "ws_sold_date_sk INT, ws_item_sk INT, ws_bill_customer_sk INT, ws_bill_addr_sk INT,"
                        + " ws_warehouse_sk INT, ws_order_number BIGINT, ws_quantity INT, ws_sales_price DECIMAL(7,2),"
                        + " ws_ext_sales_price DECIMAL(7,2), ws_net_profit DECIMAL(7,2)");
        tables.put("inventory", "inv_date_sk INT, inv_item_sk INT, inv_warehouse_sk INT, inv_quantity_on_hand INT");
        return Collections.unmodifiableMap(tables);
    }
}
