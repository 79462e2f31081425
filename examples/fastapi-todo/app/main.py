"""A small to-do API: the example app Dockwright opens on first run."""
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI(title="To-do")


class Todo(BaseModel):
    title: str
    done: bool = False


todos: dict[int, Todo] = {}


@app.get("/")
def index():
    return {"message": "Hello from a container", "todos": len(todos)}


@app.get("/health")
def health():
    return {"status": "ok"}


@app.post("/todos", status_code=201)
def create(todo: Todo):
    todo_id = len(todos) + 1
    todos[todo_id] = todo
    return {"id": todo_id, **todo.dict()}


@app.get("/todos/{todo_id}")
def read(todo_id: int):
    if todo_id not in todos:
        raise HTTPException(status_code=404, detail="no such to-do")
    return todos[todo_id]


if __name__ == "__main__":
    import uvicorn

    uvicorn.run("app.main:app", host="127.0.0.1", port=8000, reload=True)
