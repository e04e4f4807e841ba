"""Production serving: ``gunicorn app:server`` reads this file from the working directory.

Workers default to 2 × cores + 1 (gunicorn's advice for I/O-light Python apps); set
WEB_CONCURRENCY to change it. HOST and PORT are the same settings ``python app.py`` uses.
The app is stateless (the view lives in the URL and the browser), so any worker — or any
machine behind a load balancer — can answer any request.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
preload_app = True      # load and validate the dataset once, before forking: a bad file stops here
timeout = 30
graceful_timeout = 20
max_requests = 5000     # recycle workers now and then: a long-running kiosk server stays fresh
max_requests_jitter = 500
accesslog = "-"

