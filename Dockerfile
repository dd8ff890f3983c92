# syntax=docker/dockerfile:1
# gridgov as a container for cluster runs (docs/experiments.md, "The container").
#   docker build -t gridgov:0.1.0 .
#   docker run --rm -v "$PWD/results:/results" gridgov:0.1.0 run scenarios/default.json --out /results/default
#
# Stage 1 installs everything (dev tools included) and builds what the runtime needs; stage 2
# holds only the production dependencies, the sources the CLI runs and that build, as a
# non-root user (results on NFS with root_squash, and pods that must not run as root).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds lib/ from the sources, which are copied only after this layer.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# The compiled CLI (lib/, bin/buildLib.mjs): no TypeScript transform when a run or a worker starts.
RUN npm run build:lib

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` needs the compiler (a dev dependency); lib/ comes from the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY sim ./sim
COPY scenarios ./scenarios
COPY tsconfig.json ./
COPY --from=build /app/lib ./lib
RUN ln -s /app/bin/gridgov.mjs /usr/local/bin/gridgov && mkdir -p /results && chown node:node /results
# The node image's unprivileged user (uid 1000); the Kubernetes example runs as the same uid.
USER node
VOLUME ["/results"]
ENTRYPOINT ["gridgov"]
CMD ["--help"]
