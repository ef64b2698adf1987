package io.lakegate.kyuubi.routing.kyuubi;

import io.lakegate.kyuubi.authn.conf.AuthnSettings;
import io.lakegate.kyuubi.routing.decision.RoutingDecision;
import io.lakegate.kyuubi.routing.decision.RoutingRefusedException;
import io.lakegate.kyuubi.routing.decision.SessionRouter;
import io.lakegate.kyuubi.routing.limits.Clamp;
import io.lakegate.kyuubi.routing.rules.SessionRequest;
import java.util.Map;
import org.apache.kyuubi.plugin.SessionConfAdvisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kyuubi session conf advisor ({@code kyuubi.session.conf.advisor}): routes each session by the rules file of
 * {@code kyuubi.session.lakegate.routing.rules}, clamps its resources, applies the guardrails and injects Lakegate's
 * authorization and OpenLineage into the engine's launch settings. List it last: Kyuubi merges advisors' overlays in
 * order and the later wins, so an advisor after this one could undo a guardrail.
 *
 * <p>Kyuubi creates advisors with no argument, so Kyuubi's conf is read from {@code kyuubi-defaults.conf} the way
 * Kyuubi reads it. A rules file that is missing or invalid when Kyuubi starts stops it, naming the file, line and
 * problem.
 */
public final class LakegateSessionConfAdvisor implements SessionConfAdvisor {
    private static final Logger LOG = LoggerFactory.getLogger(LakegateSessionConfAdvisor.class);

    private final RoutingService service;

    public LakegateSessionConfAdvisor() {
        this.service = RoutingService.of(AuthnSettings.fromKyuubiDefaults(), System::getenv);
        service.router();
    }

    @Override
    public Map<String, String> getConfOverlay(String user, Map<String, String> sessionConf) {
        // Kyuubi's REST frontend takes JSON, whose values may be null.
        sessionConf.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new RoutingRefusedException(
                        "Session of user [" + user + "] refused: setting [" + key + "] has no value");
            }
        });
        SessionRouter router = service.router();
        SessionRequest request = SessionRequest.of(user, service.groupsOf(user, router), sessionConf);
        RoutingDecision decision = router.route(request);
        for (Clamp clamp : decision.clamps()) {
            LOG.warn(
                    "Lakegate routing: user [{}] asked {}={}, granted {} (limit on line {} of {})",
                    user,
                    clamp.key(),
                    clamp.asked(),
                    clamp.granted(),
                    clamp.limitLine(),
                    router.rules().source());
        }
        decision.guardrailHits()
                .forEach(hit -> LOG.info(
                        "Lakegate routing: user [{}] sent {}={}, the engine gets [{}] ({})",
                        user,
                        hit.key(),
                        hit.sent(),
                        hit.forced(),
                        hit.source()));
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Lakegate routing: user [{}] to {} by rule [{}] (line {})",
                    user,
                    decision.engine(),
                    decision.rule().name(),
                    decision.rule().line());
        }
        return decision.overlay();
    }
}
