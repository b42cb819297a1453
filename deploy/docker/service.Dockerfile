# syntax=docker/dockerfile:1
#
# Image of one Python subgraph: the build argument SERVICE names it (services/<SERVICE>, module
# grassroots_<SERVICE>) and PORT is its conventional port (docs/conventions.md). The build context
# is the repository root, because the service installs the shared libraries (libs/kit,
# libs/contracts) beside it:
#
#   docker build -f deploy/docker/service.Dockerfile -t grassroots/cases:0.1.0 \
#     --build-arg SERVICE=cases --build-arg PORT=4002 \
#     --build-arg VERSION=0.1.0 --build-arg GIT_REVISION="$(git rev-parse HEAD)" .
#
# Targets: `runtime` (the default, the last stage) and `demo-data` (with SERVICE=people: the
# one-shot job that docker-compose.yml runs to load demo data through the gateway; see
# docs/operations.md). A new service needs no Dockerfile of its own, only its build arguments.

# python:3.11.14-slim-bookworm, pinned by the digest of its multi-architecture index.
# Refresh: docker buildx imagetools inspect python:3.11-slim-bookworm
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d

# ---- builder: the libraries and the service, with the repository's pins, into /opt/venv ----
FROM ${PYTHON_IMAGE} AS builder
ARG SERVICE
# Without SERVICE, `COPY services/${SERVICE}/` would copy every service: refuse instead.
RUN case "${SERVICE}" in \
        "" | *[!a-z0-9_]*) echo "set --build-arg SERVICE=<name of a directory in services/>" >&2; exit 64 ;; \
    esac
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY constraints.txt ./
COPY libs/kit/ libs/kit/
COPY libs/contracts/ libs/contracts/
COPY services/${SERVICE}/ services/${SERVICE}/
RUN pip install --constraint constraints.txt ./libs/kit ./libs/contracts ./services/${SERVICE}

# ---- demo-data: a one-shot client of the gateway, not the service image -----------------------
FROM ${PYTHON_IMAGE} AS demo-data
COPY --from=builder /opt/venv /opt/venv
COPY scripts/ /app/scripts/
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
# nobody: the job only talks HTTP to the gateway.
USER 65534:65534
ENTRYPOINT ["python", "scripts/demo_data.py"]
CMD ["--graphql", "http://gateway:4000/graphql"]

# ---- runtime: the service ---------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
ARG PORT
ARG VERSION=0.0.0-dev
ARG GIT_REVISION=unknown
LABEL org.opencontainers.image.title="grassroots-${SERVICE}" \
      org.opencontainers.image.description="Grassroots ${SERVICE} subgraph (GraphQL federation)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/python:3.11.14-slim-bookworm"
RUN case "${PORT}" in \
        "" | *[!0-9]*) echo "set --build-arg PORT=<the service's port, docs/conventions.md>" >&2; exit 64 ;; \
    esac \
    && groupadd --system --gid 10001 grassroots \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin grassroots
COPY --from=builder /opt/venv /opt/venv
COPY deploy/docker/healthcheck.py /opt/grassroots/healthcheck.py
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=${PORT} \
    GRASSROOTS_SERVICE=${SERVICE} \
    SERVICE_VERSION=${VERSION} \
    GIT_REVISION=${GIT_REVISION}
WORKDIR /app
USER 10001:10001
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "/opt/grassroots/healthcheck.py"]
# The exec form does not expand variables: sh expands the module name, then exec makes Python
# PID 1, so it receives SIGTERM itself.
CMD ["sh", "-c", "exec python -m \"grassroots_${GRASSROOTS_SERVICE}\""]
