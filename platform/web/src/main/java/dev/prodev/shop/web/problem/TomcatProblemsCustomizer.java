package dev.prodev.shop.web.problem;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemJsonErrorReportValve} on Tomcat's host in place of every other error report
 * valve (the host's default and the one Boot adds when stack traces are off). Runs after Boot's
 * own customizers, so its valve is the only one left whatever order they registered theirs in.
 */
class TomcatProblemsCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            var host = context.getParent();
            if (host instanceof StandardHost standard) {
                // StandardHost adds an instance of this class at start unless one is already there
                standard.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
            }
            var pipeline = host.getPipeline();
            for (var valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemJsonErrorReportValve)) {
                    pipeline.removeValve(valve);
                }
            }
            var present = false;
            for (var valve : pipeline.getValves()) {
                present |= valve instanceof ProblemJsonErrorReportValve;
            }
            if (!present) {
                pipeline.addValve(new ProblemJsonErrorReportValve());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
