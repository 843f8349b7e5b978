FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY libs ./libs
COPY services ./services
COPY clients ./clients
COPY migrations ./migrations
COPY tools/quiet_setuptools.py ./tools/
# Editable, like the README's install: the migrations are found beside the code.
RUN pip install --no-cache-dir -e . && useradd --system jingkang
USER jingkang
ENV JINGKANG_HOST=0.0.0.0
EXPOSE 8001 8002
CMD ["jingkang", "--help"]
