# The a2a-mcp host: REST + SSE API, A2A and MCP endpoints, GET /metrics, the demo agents in-process
# (AGENTS_MODE=embedded) and/or remote over NATS and gRPC. The CLI ships in the same image.
#   docker build -f docker/orchestrator.Dockerfile -t a2a-mcp-orchestrator .
#   docker run --rm -p 3000:3000 -e AUTH_MODE=apikey -e API_KEYS='<key>:<tenant>:runs:read|runs:write|agents:read' a2a-mcp-orchestrator
#   docker run --rm -p 3000:3000 -e ALLOW_UNAUTHENTICATED=true a2a-mcp-orchestrator    (a local try-out without credentials)
#   docker run --rm a2a-mcp-orchestrator node apps/cli/bin/a2a-mcp.js run examples/ecommerce-order.json
# docker/compose.yaml runs it with the demo agents, NATS, Prometheus, Grafana and Jaeger.

FROM node:24-bookworm-slim AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
WORKDIR /app
COPY . .
# npm ci's prepare script builds the CLI; Nx builds the host and every library it depends on.
RUN npm ci --no-audit --no-fund && npx nx run orchestrator:build --output-style=stream
# What the runtime needs from the build: each workspace's manifest, and the compiled code (plus the gRPC
# contract, read at run time, and the example plans the CLI runs).
RUN mkdir -p /manifests /out/examples \
  && find libs apps -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \; \
  && for project in libs/* apps/orchestrator apps/cli; do \
       if [ -d "$project/dist" ]; then mkdir -p "/out/$project" && cp -a "$project/package.json" "$project/dist" "/out/$project/"; fi; \
     done \
  && cp -a libs/transports/proto /out/libs/transports/ \
  && cp -a apps/cli/bin /out/apps/cli/ \
  && cp -a examples/*.json /out/examples/

FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /manifests/ ./
# Production dependencies only (no Nx, TypeScript, Jest, SWC); no scripts: `prepare` needs the dev tools.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
# HOST=0.0.0.0: reachable through the published port. The host then refuses to start with AUTH_MODE=none unless
# ALLOW_UNAUTHENTICATED=true is set too (docker/compose.yaml does, as a local demo): the image is not open by default.
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
# Owned by root: the unprivileged user below reads the code, it cannot change it.
COPY --from=prod-deps --chown=root:root /app ./
COPY --from=build --chown=root:root /out/ ./
# The official image's unprivileged user.
USER node
EXPOSE 3000
# /health answers 200 while the host is up (503 while it shuts down); slim images have no curl.
HEALTHCHECK --interval=15s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches Node directly: the host stops accepting runs and drains them (SHUTDOWN_GRACE_MS).
CMD ["node", "apps/orchestrator/dist/main.js"]
