"""``make demo``: ChatOpenRouter end to end against the emulator served on 127.0.0.1.

Runs offline in a few seconds: a plain answer with usage and cost, a stream, a tool-calling
agent loop, structured output, and a typed error, each over real HTTP.

Example:
    .. code-block:: bash

        python -m demo
"""

from __future__ import annotations

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage
from langchain_core.tools import tool
from pydantic import BaseModel

from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.errors import InsufficientCreditsError
from langchain_openrouter.testing import OpenRouterEmulator


@tool
def get_weather(city: str) -> str:
    """Current weather in a city."""
    return f"18°C and sunny in {city}"


class Capital(BaseModel):
    """A country's capital."""

    country: str
    capital: str


def main() -> None:
    """Run the demo and print what each step returned."""
    emu = OpenRouterEmulator(credits=1.0)
    with emu.serve() as base_url:
        print(f"emulator at {base_url}\n")
        llm = ChatOpenRouter(
            model_name="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url
        )

        reply = llm.invoke("Hello from langchain-openrouter!")
        meta = reply.response_metadata
        print(f"invoke  -> {reply.content!r}")
        print(f"           id={reply.id} provider={meta.get('provider')} cost=${meta.get('cost')}")
        print(f"           usage={reply.usage_metadata}\n")

        pieces = [str(chunk.content) for chunk in llm.stream("streams arrive piece by piece")]
        print(f"stream  -> {len(pieces)} chunks: {''.join(pieces)!r}\n")

        agent = llm.bind_tools([get_weather])
        history: list[BaseMessage] = [HumanMessage("What is the weather in Paris?")]
        step = agent.invoke(history)
        history.append(step)
        for call in step.tool_calls:
            result = get_weather.invoke(call["args"])
            history.append(ToolMessage(result, tool_call_id=call["id"]))
            print(f"tool    -> {call['name']}({call['args']}) = {result!r}")
        print(f"answer  -> {agent.invoke(history).content!r}\n")

        # The scripted model fills schemas from the prompt; a scripted reply pins the answer.
        emu.script('{"country": "France", "capital": "Paris"}', when="capital of France")
        structured = llm.with_structured_output(Capital, method="json_schema")
        print(f"schema  -> {structured.invoke('The capital of France')!r}\n")

        emu.set_credits(0)
        try:
            llm.invoke("one more, please")
        except InsufficientCreditsError as err:
            print(f"error   -> {type(err).__name__}: {err}")


if __name__ == "__main__":
    main()
