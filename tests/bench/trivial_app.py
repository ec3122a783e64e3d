"""The floor of the intake load benchmark: a FastAPI endpoint that reads the body and answers, nothing more."""

from fastapi import FastAPI, Request

app = FastAPI()


@app.get("/v1/health")
def health() -> dict:
    return {"ok": True}


@app.post("/v1/casefiles")
async def casefiles(request: Request) -> dict:
    return {"status": "stored", "size": len(await request.body())}
