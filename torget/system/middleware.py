from django.http import JsonResponse


class ApiErrorsAsJson:
    """Errors Django answers itself under /api/ (unknown URL, wrong method, body too large)
    would otherwise be HTML pages; API clients always get JSON with a `detail`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        replacement = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
        if response.has_header("Allow"):
            replacement["Allow"] = response["Allow"]
        return replacement
