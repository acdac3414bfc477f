# One replica of the demo agents as a service: served over NATS (hosts with AGENTS_MODE=remote|both find
# it) and gRPC (AGENTS_GRPC_PORT), its metrics and health on METRICS_PORT (/metrics, /health).
#   docker build -f docker/demo-agents.Dockerfile -t a2a-mcp-demo-agents .
#   docker run --rm -e NATS_URL=nats://nats:4222 -e AGENTS_REPLICA_ID=agents-1 a2a-mcp-demo-agents
# docker/compose.yaml runs two of them beside the host.

FROM node:24-bookworm-slim AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npx nx run demo-agents:build --output-style=stream
# What the runtime needs from the build: each workspace's manifest, the compiled code and the gRPC contract.
RUN mkdir -p /manifests /out \
  && find libs apps -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \; \
  && for project in libs/* apps/demo-agents; do \
       if [ -d "$project/dist" ]; then mkdir -p "/out/$project" && cp -a "$project/package.json" "$project/dist" "/out/$project/"; fi; \
     done \
  && cp -a libs/transports/proto /out/libs/transports/

FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /manifests/ ./
# Production dependencies only (no Nx, TypeScript, Jest, SWC); no scripts: `prepare` needs the dev tools.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production AGENTS_GRPC_HOST=0.0.0.0 AGENTS_GRPC_PORT=50051 METRICS_PORT=9464
WORKDIR /app
# Owned by root: the unprivileged user below reads the code, it cannot change it.
COPY --from=prod-deps --chown=root:root /app ./
COPY --from=build --chown=root:root /out/ ./
# The official image's unprivileged user.
USER node
EXPOSE 50051 9464
# The replica answers GET /health on METRICS_PORT while it is up; slim images have no curl.
HEALTHCHECK --interval=15s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || 9464) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches Node directly: the replica says goodbye on NATS and stops its servers.
CMD ["node", "apps/demo-agents/dist/main.js"]
